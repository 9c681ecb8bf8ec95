package io.temponest.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * {@link JsonCache} over Spring Data Redis: values are JSON strings written with
 * {@code SETEX}, pattern eviction walks {@code SCAN}. Every Redis failure is reported to
 * {@link RedisAvailability} and turned into a miss or a dropped write; while Redis is in
 * back-off no command is sent at all.
 */
public final class RedisJsonCache implements JsonCache {

	static final int SCAN_PAGE_SIZE = 500;

	private static final Logger log = LoggerFactory.getLogger(RedisJsonCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper jsonMapper;

	private final RedisKeys keys;

	private final RedisAvailability availability;

	private final CacheMeters meters;

	/**
	 * Create a cache.
	 * @param redis the Redis template
	 * @param jsonMapper the mapper for values
	 * @param keys the key prefix
	 * @param availability where failures are reported
	 * @param meterRegistry where hit/miss counters go
	 */
	public RedisJsonCache(StringRedisTemplate redis, JsonMapper jsonMapper, RedisKeys keys,
			RedisAvailability availability, MeterRegistry meterRegistry) {
		this.redis = redis;
		this.jsonMapper = jsonMapper;
		this.keys = keys;
		this.availability = availability;
		this.meters = new CacheMeters(meterRegistry);
	}

	@Override
	public <T> Optional<T> get(String key, Class<T> type) {
		return read(key, (json) -> this.jsonMapper.readValue(json, type));
	}

	@Override
	public <T> Optional<T> get(String key, TypeReference<T> type) {
		return read(key, (json) -> this.jsonMapper.readValue(json, type));
	}

	@Override
	public void put(String key, Object value, Duration ttl) {
		Assert.isTrue(ttl != null && ttl.isPositive(), "ttl must be positive");
		String json;
		try {
			json = this.jsonMapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			log.warn("Not caching {}: value cannot be written as JSON", key, ex);
			return;
		}
		boolean written = call("cache.put", () -> {
			this.redis.opsForValue().set(this.keys.key(key), json, ttl);
			return true;
		}) != null;
		if (written) {
			this.meters.put(key);
		}
	}

	@Override
	public void evict(String key) {
		Boolean deleted = call("cache.evict", () -> this.redis.delete(this.keys.key(key)));
		if (Boolean.TRUE.equals(deleted)) {
			this.meters.evicted(key, 1);
		}
	}

	@Override
	public long evictMatching(String pattern) {
		Long deleted = call("cache.evict", () -> scanAndDelete(pattern));
		if (deleted == null) {
			return 0;
		}
		this.meters.evicted(pattern, deleted);
		return deleted;
	}

	private long scanAndDelete(String pattern) {
		ScanOptions options = ScanOptions.scanOptions()
			.match(escapeGlob(this.keys.prefix()) + pattern)
			.count(SCAN_PAGE_SIZE)
			.build();
		long deleted = 0;
		List<String> batch = new ArrayList<>(SCAN_PAGE_SIZE);
		try (Cursor<String> cursor = this.redis.scan(options)) {
			while (cursor.hasNext()) {
				batch.add(cursor.next());
				if (batch.size() == SCAN_PAGE_SIZE) {
					deleted += delete(batch);
				}
			}
		}
		return deleted + delete(batch);
	}

	private long delete(List<String> batch) {
		if (batch.isEmpty()) {
			return 0;
		}
		Long deleted = this.redis.unlink(batch);
		batch.clear();
		return (deleted != null) ? deleted : 0;
	}

	private <T> Optional<T> read(String key, Function<String, T> parse) {
		String json = call("cache.get", () -> this.redis.opsForValue().get(this.keys.key(key)));
		if (json == null) {
			this.meters.miss(key);
			return Optional.empty();
		}
		try {
			T value = parse.apply(json);
			this.meters.hit(key);
			return Optional.ofNullable(value);
		}
		catch (JacksonException ex) {
			log.warn("Ignoring cached value of {}: it cannot be read as the requested type", key, ex);
			this.meters.miss(key);
			return Optional.empty();
		}
	}

	/**
	 * Run a Redis call unless Redis is in back-off.
	 * @return the call's result, or {@code null} when skipped or failed
	 */
	private <T> @Nullable T call(String operation, Supplier<@Nullable T> call) {
		if (!this.availability.isAvailable()) {
			return null;
		}
		try {
			T result = call.get();
			this.availability.reportSuccess();
			return result;
		}
		catch (RuntimeException ex) {
			this.availability.reportFailure(operation, ex);
			return null;
		}
	}

	private static String escapeGlob(String literal) {
		StringBuilder escaped = new StringBuilder(literal.length());
		for (char c : literal.toCharArray()) {
			if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
