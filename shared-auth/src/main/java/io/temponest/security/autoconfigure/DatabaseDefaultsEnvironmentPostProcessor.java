package io.temponest.security.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for Boot's own properties that every platform service needs, added with the
 * lowest precedence so that a service or its environment can still set them: a request
 * waits at most one second for a pooled database connection, so a database outage answers
 * 503 within a second instead of hanging (Hikari's default is 30 s); and Boot's unbounded
 * {@code db} health contributor gives way to the platform's bounded {@code database} one.
 */
public final class DatabaseDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "platformDatabaseDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of("spring.datasource.hikari.connection-timeout", "1000", "management.health.db.enabled",
								"false")));
		}
	}

}
