package io.temponest.cache.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.AbstractRedisClient;

/**
 * Rate-limit buckets kept in Redis by Bucket4j (compare-and-swap over Lettuce). A key
 * expires when its window has passed; every Redis call gives up after the Lettuce command
 * timeout.
 */
public final class RedisBuckets implements AutoCloseable {

	private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(1);

	private final LettuceBucketConnection connection;

	private final ProxyManager<String> proxyManager;

	private final Duration timeout;

	/**
	 * Create the buckets and start connecting in the background.
	 * @param client Boot's Lettuce client, looked up on first connect
	 * @param timeout the longest wait for one Redis call (the Lettuce command timeout)
	 */
	public RedisBuckets(Supplier<AbstractRedisClient> client, Duration timeout) {
		this.connection = new LettuceBucketConnection(client, timeout);
		this.timeout = timeout;
		this.proxyManager = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(this.connection)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
			.requestTimeout(timeout)
			.build()
			.withMapper((String key) -> key.getBytes(StandardCharsets.UTF_8));
		this.connection.connectInBackground();
	}

	Bucket bucket(String key, RateLimitRoute route) {
		return this.proxyManager.builder().build(key, route::bucketConfiguration);
	}

	/** The byte-array connection, also used for the instance presence. */
	RedisApi<Object> connection() {
		return this.connection;
	}

	/** The longest wait for one Redis call. */
	Duration timeout() {
		return this.timeout;
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
