package io.temponest.cache;

import java.time.Instant;
import java.util.Optional;

/**
 * Knows whether Redis is currently usable. After a failure Redis is treated as
 * unavailable for a short back-off so that requests do not each wait for a timeout;
 * callers then take their fallback path (cache miss, in-process rate-limit buckets).
 * Exposed as the gauge {@code temponest_redis_degraded} and in the {@code platformRedis}
 * health details.
 */
public interface RedisAvailability {

	/**
	 * Whether callers should try Redis now.
	 * @return {@code false} while in back-off after a failure
	 */
	boolean isAvailable();

	/**
	 * Record that a Redis operation failed.
	 * @param operation a short name of the operation, used as a metric tag
	 * @param failure the failure
	 */
	void reportFailure(String operation, RuntimeException failure);

	/** Record that a Redis operation succeeded. */
	void reportSuccess();

	/**
	 * Whether callers are on their fallback path: a failure was reported and no success
	 * since.
	 * @return {@code true} while degraded
	 */
	default boolean isDegraded() {
		return !isAvailable();
	}

	/**
	 * When the last failure was reported.
	 * @return the time of the last failure, or empty if none since start
	 */
	default Optional<Instant> lastFailure() {
		return Optional.empty();
	}

}
