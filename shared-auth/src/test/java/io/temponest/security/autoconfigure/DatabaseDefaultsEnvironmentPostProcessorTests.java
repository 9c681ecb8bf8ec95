package io.temponest.security.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatabaseDefaultsEnvironmentPostProcessor}: defaults that a service can still
 * override.
 */
class DatabaseDefaultsEnvironmentPostProcessorTests {

	private final DatabaseDefaultsEnvironmentPostProcessor processor = new DatabaseDefaultsEnvironmentPostProcessor();

	@Test
	void nothingConfiguredThenOneSecondPoolWaitServerSideLimitsAndBootsDbContributorOff() {
		StandardEnvironment environment = new StandardEnvironment();
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("1000");
		assertThat(environment.getProperty("management.health.db.enabled")).isEqualTo("false");
		assertThat(environment.getProperty("spring.datasource.hikari.connection-init-sql"))
			.isEqualTo("SET statement_timeout = '30s'; SET idle_in_transaction_session_timeout = '60s'; "
					+ "SET TIME ZONE 'UTC'");
	}

	@Test
	void serviceConfiguresItThenServiceWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("service", Map.of("spring.datasource.hikari.connection-timeout", "2500")));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.hikari.connection-timeout")).isEqualTo("2500");
		assertThat(environment.getPropertySources()
			.stream()
			.filter((source) -> source.getName().equals(DatabaseDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)))
			.hasSize(1);
	}

}
