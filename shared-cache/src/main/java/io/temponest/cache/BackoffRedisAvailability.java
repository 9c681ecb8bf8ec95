package io.temponest.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * {@link RedisAvailability} as a small circuit breaker: a failure opens it for the
 * back-off, after which callers may try Redis again (half-open) until the next failure.
 * Publishes the gauge {@code temponest.redis.degraded} and the counter
 * {@code temponest.redis.failures{operation}}.
 */
public final class BackoffRedisAvailability implements RedisAvailability {

	private static final Logger log = LoggerFactory.getLogger(BackoffRedisAvailability.class);

	private final Duration backoff;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private volatile Instant retryAt = Instant.MIN;

	private volatile @Nullable Instant lastFailure;

	private volatile boolean degraded;

	/**
	 * Create an instance on the system clock.
	 * @param backoff how long to skip Redis after a failure
	 * @param meterRegistry where to publish the gauge and counters
	 */
	public BackoffRedisAvailability(Duration backoff, MeterRegistry meterRegistry) {
		this(backoff, Clock.systemUTC(), meterRegistry);
	}

	/**
	 * Create an instance.
	 * @param backoff how long to skip Redis after a failure
	 * @param clock the clock
	 * @param meterRegistry where to publish the gauge and counters
	 */
	public BackoffRedisAvailability(Duration backoff, Clock clock, MeterRegistry meterRegistry) {
		Assert.isTrue(!backoff.isNegative(), "backoff must not be negative");
		this.backoff = backoff;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		Gauge.builder("temponest.redis.degraded", this, (availability) -> availability.isDegraded() ? 1 : 0)
			.description("1 while Redis is failing and callers use their fallback (cache misses, in-process limits)")
			.register(meterRegistry);
	}

	@Override
	public boolean isAvailable() {
		return !this.clock.instant().isBefore(this.retryAt);
	}

	@Override
	public void reportFailure(String operation, RuntimeException failure) {
		Instant now = this.clock.instant();
		this.lastFailure = now;
		this.retryAt = now.plus(this.backoff);
		Counter.builder("temponest.redis.failures")
			.description("Failed Redis operations")
			.tag("operation", operation)
			.register(this.meterRegistry)
			.increment();
		if (!this.degraded) {
			this.degraded = true;
			log.warn("Redis {} failed, using fallbacks and retrying after {}: {}", operation, this.backoff,
					failure.toString());
		}
		else {
			log.debug("Redis {} failed again", operation, failure);
		}
	}

	@Override
	public void reportSuccess() {
		if (this.degraded) {
			this.degraded = false;
			log.info("Redis is available again");
		}
	}

	@Override
	public boolean isDegraded() {
		return this.degraded;
	}

	@Override
	public Optional<Instant> lastFailure() {
		return Optional.ofNullable(this.lastFailure);
	}

}
