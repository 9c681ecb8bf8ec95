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
 * {@code db} health contributor gives way to the platform's bounded {@code database} one;
 * and every pooled connection starts with the server ending its runaway statements (30 s)
 * and transactions left idle (60 s), in UTC. The limits are the server's rather than a
 * JDBC query timeout, for which the driver would schedule a timer task around every
 * statement.
 */
public final class DatabaseDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "platformDatabaseDefaults";

	/** What every pooled connection runs first, unless the service sets its own. */
	public static final String CONNECTION_INIT_SQL = "SET statement_timeout = '30s'; "
			+ "SET idle_in_transaction_session_timeout = '60s'; SET TIME ZONE 'UTC'";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of("spring.datasource.hikari.connection-timeout", "1000", "management.health.db.enabled",
								"false", "spring.datasource.hikari.connection-init-sql", CONNECTION_INIT_SQL)));
		}
	}

}
