package io.temponest.cache.ratelimit;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request against its buckets.
 *
 * @param route the route that limited the request
 * @param key the bucket key
 * @param allowed whether a token was taken
 * @param remaining tokens left (the fewer of the two buckets when both were charged)
 * @param nanosToRetry when rejected, time until the bucket that refused refills
 * @param redisBucket the shared Redis bucket charged for the request, to give the token
 * back; {@code null} when the request was not charged in Redis
 * @param localBucket the in-process bucket charged for the request (fallback, or the
 * bucket remembered from a recent fallback); {@code null} when none was charged
 */
record RateLimitDecision(RateLimitRoute route, String key, boolean allowed, long remaining, long nanosToRetry,
		@Nullable Bucket redisBucket, @Nullable Bucket localBucket) {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	static RateLimitDecision rejected(RateLimitRoute route, String key, long nanosToRetry) {
		return new RateLimitDecision(route, key, false, 0, nanosToRetry, null, null);
	}

	/** Whether the shared Redis bucket was charged. */
	boolean inRedis() {
		return this.redisBucket != null;
	}

	/** Seconds until a retry can succeed, rounded up, at least one. */
	long retryAfterSeconds() {
		return Math.max(1, (this.nanosToRetry + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
	}

}
