package io.temponest.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer counters per cache name, the key part before the first {@code :}:
 * {@code cache.gets{cache,result=hit|miss}}, {@code cache.puts{cache}} and
 * {@code cache.evictions{cache}}, tagged {@code cache.manager=jsonCache} like Spring's
 * own cache metrics so both can share a Prometheus registry.
 */
final class CacheMeters {

	static final String CACHE_MANAGER = "jsonCache";

	private final MeterRegistry registry;

	private final Map<String, Meters> byCache = new ConcurrentHashMap<>();

	CacheMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	void hit(String key) {
		meters(key).hits.increment();
	}

	void miss(String key) {
		meters(key).misses.increment();
	}

	void put(String key) {
		meters(key).puts.increment();
	}

	void evicted(String key, long count) {
		meters(key).evictions.increment(count);
	}

	static String cacheName(String key) {
		int colon = key.indexOf(':');
		return (colon < 0) ? key : key.substring(0, colon);
	}

	private Meters meters(String key) {
		return this.byCache.computeIfAbsent(cacheName(key), this::register);
	}

	private Meters register(String cache) {
		return new Meters(counter("cache.gets", cache, "hit"), counter("cache.gets", cache, "miss"),
				counter("cache.puts", cache, null), counter("cache.evictions", cache, null));
	}

	private Counter counter(String name, String cache, String result) {
		Counter.Builder builder = Counter.builder(name).tag("cache", cache).tag("cache.manager", CACHE_MANAGER);
		if (result != null) {
			builder.tag("result", result);
		}
		return builder.register(this.registry);
	}

	/** The counters of one cache. */
	private record Meters(Counter hits, Counter misses, Counter puts, Counter evictions) {
	}

}
