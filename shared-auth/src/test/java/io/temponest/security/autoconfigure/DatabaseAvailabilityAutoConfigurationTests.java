package io.temponest.security.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.security.database.DatabaseHealthIndicator;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatabaseAvailabilityAutoConfiguration}: probe, readiness contributor and gauge.
 */
class DatabaseAvailabilityAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DatabaseAvailabilityAutoConfiguration.class));

	@Test
	void dataSourceThenProbeHealthContributorAndGaugeOfTheRealDatabase() {
		this.runner.withBean(DataSource.class, DatabaseAvailabilityAutoConfigurationTests::testDatabase)
			.run((context) -> {
				assertThat(context).hasSingleBean(DatabaseProbe.class).hasBean("databaseHealthIndicator");
				assertThat(context.getBean(DatabaseProbe.class).reachable()).isTrue();
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("databaseReachableMeterBinder", MeterBinder.class).bindTo(registry);
				assertThat(registry.get("temponest.database.reachable").gauge().value()).isEqualTo(1.0);
			});
	}

	@Test
	void databaseUnreachableThenProbeFalseWithinItsTimeout() {
		this.runner
			.withBean(DataSource.class,
					() -> new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "x"))
			.withPropertyValues("platform.database.probe-timeout=300ms")
			.run((context) -> {
				assertThat(context.getBean(DatabaseProbe.class).reachable()).isFalse();
				assertThat(context.getBean(DatabaseHealthIndicator.class).health().getStatus().getCode())
					.isEqualTo("DOWN");
			});
	}

	@Test
	void probeWhenUserDefinedThenBacksOff() {
		DatabaseProbe own = new DatabaseProbe(testDatabase(), Duration.ofSeconds(2), Duration.ZERO, Clock.systemUTC());
		this.runner.withBean(DataSource.class, DatabaseAvailabilityAutoConfigurationTests::testDatabase)
			.withBean(DatabaseProbe.class, () -> own)
			.run((context) -> assertThat(context.getBean(DatabaseProbe.class)).isSameAs(own));
	}

	@Test
	void healthSupportAbsentThenProbeWithoutContributor() {
		this.runner.withBean(DataSource.class, DatabaseAvailabilityAutoConfigurationTests::testDatabase)
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasSingleBean(DatabaseProbe.class)
				.doesNotHaveBean("databaseHealthIndicator"));
	}

	@Test
	void noDataSourceThenNothing() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DatabaseProbe.class));
	}

	private static DataSource testDatabase() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return new DriverManagerDataSource(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword());
	}

}
