package io.temponest.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.core.type.TypeReference;

/**
 * Typed JSON cache over Redis. Keys are given without the platform key prefix (for
 * example {@code user_perms:42}); the part before the first {@code :} names the cache in
 * the {@code cache_gets_total{cache,result}} metrics. When Redis is unavailable reads are
 * misses and writes are dropped: no call ever throws because of Redis.
 */
public interface JsonCache {

	/**
	 * Read a value.
	 * @param key the key, without the platform prefix
	 * @param type the value type
	 * @param <T> the value type
	 * @return the value, or empty on a miss, on unreadable JSON or when Redis is
	 * unavailable
	 */
	<T> Optional<T> get(String key, Class<T> type);

	/**
	 * Read a generic value such as a list.
	 * @param key the key, without the platform prefix
	 * @param type the value type
	 * @param <T> the value type
	 * @return the value, or empty on a miss, on unreadable JSON or when Redis is
	 * unavailable
	 */
	<T> Optional<T> get(String key, TypeReference<T> type);

	/**
	 * Write a value as JSON with a time to live.
	 * @param key the key, without the platform prefix
	 * @param value the value
	 * @param ttl time to live, positive
	 */
	void put(String key, Object value, Duration ttl);

	/**
	 * Read through the cache: the cached value, else one computed now and written when it
	 * is worth keeping (a failed health check, say, is not).
	 * @param key the key, without the platform prefix
	 * @param type the value type
	 * @param ttl time to live of a written value, positive
	 * @param compute computes the value on a miss
	 * @param cacheable whether a computed value is written
	 * @param <T> the value type
	 * @return the cached or computed value
	 */
	default <T> T getOrCompute(String key, Class<T> type, Duration ttl, Supplier<T> compute,
			Predicate<? super T> cacheable) {
		Optional<T> cached = get(key, type);
		if (cached.isPresent()) {
			return cached.get();
		}
		T value = compute.get();
		if (cacheable.test(value)) {
			put(key, value, ttl);
		}
		return value;
	}

	/**
	 * Delete one key.
	 * @param key the key, without the platform prefix
	 */
	void evict(String key);

	/**
	 * Delete every key matching a glob pattern, found with {@code SCAN} (never
	 * {@code KEYS}).
	 * @param pattern the pattern, without the platform prefix (for example
	 * {@code user_perms:*})
	 * @return how many keys were deleted
	 */
	long evictMatching(String pattern);

}
