package io.temponest.cache.ratelimit;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedisBuckets} on a real Redis: the connection follows the client it is given.
 */
class RedisBucketsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private static final RateLimitRoute ROUTE = RateLimitRoute.of("probe", "GET", "/probe", 10, Duration.ofMinutes(1));

	@Test
	void bucketWhenClientShutDownAndReplacedThenNextCallUsesTheNewClient() {
		RedisURI redis = RedisURI.create(TestInfrastructure.get().redisUrl());
		AtomicReference<RedisClient> current = new AtomicReference<>(RedisClient.create(redis));
		String key = TestInfrastructure.get().redisKeyPrefix() + "rl:probe:" + UUID.randomUUID();
		try (RedisBuckets buckets = new RedisBuckets(current::get, TIMEOUT)) {
			assertThat(buckets.bucket(key, ROUTE).tryConsume(1)).isTrue();
			// what a stopped and restarted connection factory does to its client
			current.getAndSet(RedisClient.create(redis)).shutdown(Duration.ZERO, TIMEOUT);
			assertThat(buckets.bucket(key, ROUTE).tryConsume(1)).isTrue();
			assertThat(buckets.bucket(key, ROUTE).getAvailableTokens()).isEqualTo(8);
		}
		finally {
			current.get().shutdown(Duration.ZERO, TIMEOUT);
		}
	}

}
