package io.temponest.cache.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The outcome of one request against its bucket.
 *
 * @param route the route that limited the request
 * @param allowed whether a token was taken
 * @param remaining tokens left in the bucket
 * @param nanosToRetry when rejected, time until the bucket refills
 * @param bucket the bucket the token came from, to give it back
 * @param inRedis whether the bucket is the shared Redis one
 */
record RateLimitDecision(RateLimitRoute route, boolean allowed, long remaining, long nanosToRetry, Bucket bucket,
		boolean inRedis) {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	static RateLimitDecision of(RateLimitRoute route, ConsumptionProbe probe, Bucket bucket, boolean inRedis) {
		return new RateLimitDecision(route, probe.isConsumed(), probe.getRemainingTokens(),
				probe.getNanosToWaitForRefill(), bucket, inRedis);
	}

	/** Seconds until a retry can succeed, rounded up, at least one. */
	long retryAfterSeconds() {
		return Math.max(1, (this.nanosToRetry + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
	}

}
