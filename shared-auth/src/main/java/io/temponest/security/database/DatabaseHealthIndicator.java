package io.temponest.security.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code database} health contributor: UP when the {@link DatabaseProbe} gets a valid
 * connection within its timeout. Meant for the readiness group, never for liveness: a
 * database outage takes an instance out of traffic, it does not restart it.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

	private final DatabaseProbe probe;

	/**
	 * Create the indicator.
	 * @param probe the probe it reports
	 */
	public DatabaseHealthIndicator(DatabaseProbe probe) {
		this.probe = probe;
	}

	@Override
	public Health health() {
		return this.probe.reachable() ? Health.up().build()
				: Health.down().withDetail("reason", "no valid connection within the probe timeout").build();
	}

}
