package io.temponest.security.health;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.cache.BackoffRedisAvailability;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The health verdict over the real PostgreSQL, an unreachable one and Redis states. */
class HealthReportTests {

	private final BackoffRedisAvailability redis = new BackoffRedisAvailability(Duration.ofMinutes(1),
			new SimpleMeterRegistry());

	@Test
	void checkWhenDatabaseAnswersAndCacheUpThenHealthy200() {
		HealthReport report = HealthReport.check(probe(reachableDatabase()), this.redis);
		assertThat(report.healthy()).isTrue();
		assertThat(report.status()).isEqualTo("healthy");
		assertThat(report.database()).isTrue();
		assertThat(report.databaseState()).isEqualTo("connected");
		assertThat(report.cacheState()).isEqualTo("connected");
		ResponseEntity<String> response = report.respond("body");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("body");
	}

	@Test
	void checkWhenCacheDownThenStillHealthyWithCacheDisconnected() {
		this.redis.reportFailure("GET", new IllegalStateException("connection refused"));
		HealthReport report = HealthReport.check(probe(reachableDatabase()), this.redis);
		assertThat(report.healthy()).isTrue();
		assertThat(report.cacheState()).isEqualTo("disconnected");
	}

	@Test
	void checkWhenDatabaseUnreachableThenUnhealthy503() {
		DriverManagerDataSource closedPort = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/nothing");
		HealthReport report = HealthReport.check(probe(closedPort), this.redis);
		assertThat(report.healthy()).isFalse();
		assertThat(report.status()).isEqualTo("unhealthy");
		assertThat(report.databaseState()).isEqualTo("disconnected");
		assertThat(report.respond("body").getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void requireWhenServiceCheckFailsThenUnhealthy503WithDatabaseStillConnected() {
		HealthReport report = HealthReport.check(probe(reachableDatabase()), this.redis).require(true).require(false);
		assertThat(report.healthy()).isFalse();
		assertThat(report.database()).isTrue();
		assertThat(report.respond("body").getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	private static DriverManagerDataSource reachableDatabase() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return new DriverManagerDataSource(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword());
	}

	private static DatabaseProbe probe(DriverManagerDataSource dataSource) {
		return new DatabaseProbe(dataSource, Duration.ofSeconds(2), Duration.ZERO, Clock.systemUTC());
	}

}
