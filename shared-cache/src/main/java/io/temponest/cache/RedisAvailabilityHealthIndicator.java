package io.temponest.cache;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports Redis availability as details of an always-{@code UP} health contributor: the
 * platform serves requests without Redis (cache misses, in-process rate limits), so a
 * Redis outage must never make a service unhealthy.
 */
public final class RedisAvailabilityHealthIndicator implements HealthIndicator {

	private final RedisAvailability availability;

	/**
	 * Create an indicator.
	 * @param availability the availability to report
	 */
	public RedisAvailabilityHealthIndicator(RedisAvailability availability) {
		this.availability = availability;
	}

	@Override
	public Health health() {
		boolean degraded = this.availability.isDegraded();
		return Health.up()
			.withDetail("available", this.availability.isAvailable())
			.withDetail("degraded", degraded)
			.withDetail("fallback", degraded ? "cache misses, in-process rate limits" : "none")
			.withDetail("lastFailure", this.availability.lastFailure().map(Object::toString).orElse("none"))
			.build();
	}

}
