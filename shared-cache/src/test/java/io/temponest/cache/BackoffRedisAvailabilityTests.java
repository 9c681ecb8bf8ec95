package io.temponest.cache;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The back-off state machine of {@link BackoffRedisAvailability}. */
class BackoffRedisAvailabilityTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final BackoffRedisAvailability availability = new BackoffRedisAvailability(Duration.ofSeconds(5),
			this.clock, this.meterRegistry);

	@Test
	void isAvailableWhenNoFailureThenTrueAndNotDegraded() {
		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(this.availability.isDegraded()).isFalse();
		assertThat(this.availability.lastFailure()).isEmpty();
		assertThat(degradedGauge()).isZero();
	}

	@Test
	void isAvailableWhenFailedThenFalseDuringBackoffAndTrueAfter() {
		this.availability.reportFailure("cache.get", new IllegalStateException("down"));
		assertThat(this.availability.isAvailable()).isFalse();
		this.clock.advance(Duration.ofMillis(4999));
		assertThat(this.availability.isAvailable()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.availability.isAvailable()).isTrue();
		assertThat(this.availability.isDegraded()).isTrue();
	}

	@Test
	void reportFailureWhenCalledThenCountedPerOperationAndGaugeIsOne() {
		this.availability.reportFailure("cache.get", new IllegalStateException("down"));
		this.availability.reportFailure("cache.get", new IllegalStateException("down"));
		this.availability.reportFailure("ratelimit.consume", new IllegalStateException("down"));
		assertThat(failures("cache.get")).isEqualTo(2);
		assertThat(failures("ratelimit.consume")).isEqualTo(1);
		assertThat(degradedGauge()).isEqualTo(1);
		assertThat(this.availability.lastFailure()).contains(this.clock.instant());
	}

	@Test
	void reportSuccessWhenDegradedThenRecovered() {
		this.availability.reportFailure("cache.get", new IllegalStateException("down"));
		this.clock.advance(Duration.ofSeconds(5));
		this.availability.reportSuccess();
		assertThat(this.availability.isDegraded()).isFalse();
		assertThat(degradedGauge()).isZero();
		assertThat(this.availability.lastFailure()).isPresent();
	}

	@Test
	void reportFailureWhenRetryFailsThenBackoffStartsAgain() {
		this.availability.reportFailure("cache.get", new IllegalStateException("down"));
		this.clock.advance(Duration.ofSeconds(5));
		this.availability.reportFailure("cache.get", new IllegalStateException("still down"));
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.availability.isAvailable()).isFalse();
	}

	private double failures(String operation) {
		return this.meterRegistry.get("temponest.redis.failures").tag("operation", operation).counter().count();
	}

	private double degradedGauge() {
		return this.meterRegistry.get("temponest.redis.degraded").gauge().value();
	}

}
