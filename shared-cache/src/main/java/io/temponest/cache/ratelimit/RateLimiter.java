package io.temponest.cache.ratelimit;

import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.RedisAvailability;
import org.jspecify.annotations.Nullable;

/**
 * Takes a token from the caller's bucket in Redis, or from an in-process bucket while
 * Redis is unavailable (in back-off or failing). Counts
 * {@code temponest.ratelimit.requests{route,result}} and
 * {@code temponest.ratelimit.fallback}.
 */
public final class RateLimiter {

	private final RedisBuckets redisBuckets;

	private final LocalBuckets localBuckets;

	private final RedisAvailability availability;

	private final MeterRegistry meterRegistry;

	private final Counter fallbacks;

	/**
	 * Create a rate limiter.
	 * @param redisBuckets the shared buckets
	 * @param availability whether to try Redis, and where its failures go
	 * @param fallbackMaxKeys how many in-process buckets to keep at most
	 * @param meterRegistry where the counters go
	 */
	public RateLimiter(RedisBuckets redisBuckets, RedisAvailability availability, int fallbackMaxKeys,
			MeterRegistry meterRegistry) {
		this.redisBuckets = redisBuckets;
		this.localBuckets = new LocalBuckets(fallbackMaxKeys);
		this.availability = availability;
		this.meterRegistry = meterRegistry;
		this.fallbacks = Counter.builder("temponest.ratelimit.fallback")
			.description("Rate-limit decisions taken in process because Redis was unavailable")
			.register(meterRegistry);
	}

	RateLimitDecision tryAcquire(RateLimitRoute route, String key) {
		RateLimitDecision decision = tryRedis(route, key);
		if (decision == null) {
			this.fallbacks.increment();
			Bucket bucket = this.localBuckets.bucket(key, route);
			decision = RateLimitDecision.of(route, bucket.tryConsumeAndReturnRemaining(1), bucket, false);
		}
		Counter.builder("temponest.ratelimit.requests")
			.description("Requests to rate-limited routes")
			.tag("route", route.id())
			.tag("result", decision.allowed() ? "allowed" : "rejected")
			.register(this.meterRegistry)
			.increment();
		return decision;
	}

	void refund(RateLimitDecision decision) {
		if (!decision.inRedis()) {
			decision.bucket().addTokens(1);
			return;
		}
		if (this.availability.isAvailable()) {
			try {
				decision.bucket().addTokens(1);
				this.availability.reportSuccess();
			}
			catch (RuntimeException ex) {
				this.availability.reportFailure("ratelimit.refund", ex);
			}
		}
	}

	private @Nullable RateLimitDecision tryRedis(RateLimitRoute route, String key) {
		if (!this.availability.isAvailable()) {
			return null;
		}
		try {
			Bucket bucket = this.redisBuckets.bucket(key, route);
			RateLimitDecision decision = RateLimitDecision.of(route, bucket.tryConsumeAndReturnRemaining(1), bucket,
					true);
			this.availability.reportSuccess();
			return decision;
		}
		catch (RuntimeException ex) {
			this.availability.reportFailure("ratelimit.consume", ex);
			return null;
		}
	}

}
