package io.temponest.security.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.temponest.security.database.DatabaseHealthIndicator;
import io.temponest.security.database.DatabaseProbe;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A bounded {@link DatabaseProbe} of the service's database, reported as the
 * {@code database} health contributor (for the readiness group) and the
 * {@code temponest_database_reachable} gauge.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DataSource.class)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(PlatformDatabaseProperties.class)
public final class DatabaseAvailabilityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DatabaseProbe databaseProbe(DataSource dataSource, PlatformDatabaseProperties properties) {
		return new DatabaseProbe(dataSource, properties.probeTimeout(), properties.probeReuse(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "databaseReachableMeterBinder")
	MeterBinder databaseReachableMeterBinder(DatabaseProbe probe) {
		return (registry) -> Gauge
			.builder("temponest.database.reachable", probe, (reachable) -> reachable.reachable() ? 1 : 0)
			.description("1 when the database gave a valid connection within the probe timeout, else 0")
			.register(registry);
	}

	/** The readiness contributor, where Boot's health support is present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class DatabaseHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "databaseHealthIndicator")
		DatabaseHealthIndicator databaseHealthIndicator(DatabaseProbe probe) {
			return new DatabaseHealthIndicator(probe);
		}

	}

}
