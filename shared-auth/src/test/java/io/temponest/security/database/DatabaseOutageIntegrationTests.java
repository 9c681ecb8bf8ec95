package io.temponest.security.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.testsupport.TcpProxy;
import io.temponest.testsupport.TestInfrastructure;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database cut away behind a TCP proxy: requests that need it answer 503 with
 * {@code Retry-After} and a problem, requests that do not keep working, the probe and its
 * health contributor say DOWN, and everything recovers when the database returns.
 */
@SecurityWebTest
class DatabaseOutageIntegrationTests {

	private final TcpProxy database = TestInfrastructure.get().postgresProxy();

	private final String bearer = "Bearer " + TestTokens.access("agents:read");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DatabaseProbe probe;

	@Autowired
	private DatabaseHealthIndicator health;

	@Autowired
	private HikariDataSource dataSource;

	@AfterEach
	void restore() {
		this.database.restore();
	}

	@Test
	void poolWhenNotConfiguredThenWaitsAtMostOneSecondForAConnection() {
		assertThat(Duration.ofMillis(this.dataSource.getConnectionTimeout())).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void poolWhenEveryConnectionStaysInUseThen503BusyWithRetryAfter() throws SQLException {
		List<Connection> held = new ArrayList<>();
		try {
			while (held.size() < this.dataSource.getMaximumPoolSize()) {
				held.add(this.dataSource.getConnection());
			}
			assertThat(this.mvc.get().uri("/api/lookup?name=ada").header(HttpHeaders.AUTHORIZATION, this.bearer))
				.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
				.hasHeader(HttpHeaders.RETRY_AFTER, "1")
				.bodyJson()
				.extractingPath("$.detail")
				.isEqualTo("The service is busy; retry shortly");
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(this.mvc.get().uri("/api/lookup?name=ada").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatusOk();
	}

	@Test
	void databaseWhenCutThen503WithRetryAfterAndProbeDownThenRecovers() {
		assertThat(this.probe.reachable()).isTrue();
		this.database.cut();
		assertThat(this.mvc.get().uri("/api/lookup?name=ada").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
			.hasHeader(HttpHeaders.RETRY_AFTER, "1")
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The database is unavailable; retry shortly");
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.as("token verification needs no database")
			.hasStatusOk();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.probe.reachable()).isFalse();
			assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);
		});
		this.database.restore();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.mvc.get().uri("/api/lookup?name=ada").header(HttpHeaders.AUTHORIZATION, this.bearer))
				.hasStatusOk());
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.probe.reachable()).isTrue();
			assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		});
	}

}
