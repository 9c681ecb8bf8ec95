package io.temponest.cache.autoconfigure;

import java.time.Duration;
import java.util.Optional;

import io.temponest.cache.BackoffRedisAvailability;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import io.temponest.cache.RedisAvailabilityHealthIndicator;
import io.temponest.cache.RedisJsonCache;
import io.temponest.cache.RedisKeys;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PlatformCacheAutoConfiguration} with Boot's Redis auto-configuration. */
class PlatformCacheAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, PlatformCacheAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=" + TestInfrastructure.get().redisUrl());

	@Test
	void contextWhenDefaultsThenCacheAvailabilityKeysAndHealth() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RedisKeys.class)
				.hasSingleBean(JsonCache.class)
				.hasSingleBean(RedisAvailability.class)
				.hasBean("platformRedis");
			assertThat(context.getBean(RedisKeys.class).prefix()).isEmpty();
			assertThat(context.getBean(JsonCache.class)).isInstanceOf(RedisJsonCache.class);
			assertThat(context.getBean(RedisAvailability.class)).isInstanceOf(BackoffRedisAvailability.class);
			assertThat(context.getBean(PlatformCacheProperties.class).failureBackoff())
				.isEqualTo(Duration.ofSeconds(5));
			assertThat(context.getBean("platformRedis", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP);
		});
	}

	@Test
	void contextWhenPropertiesSetThenBound() {
		this.runner.withPropertyValues("platform.redis.key-prefix=tenant-a:", "platform.cache.failure-backoff=250ms")
			.run((context) -> {
				assertThat(context.getBean(RedisKeys.class).key("user_perms:1")).isEqualTo("tenant-a:user_perms:1");
				assertThat(context.getBean(PlatformCacheProperties.class).failureBackoff())
					.isEqualTo(Duration.ofMillis(250));
			});
	}

	@Test
	void contextWhenUserDefinesBeansThenOursBackOff() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(RedisKeys.class)).isSameAs(context.getBean(UserBeans.class).keys);
			assertThat(context.getBean(JsonCache.class)).isInstanceOf(NoCache.class);
			assertThat(context.getBean("platformRedis")).isInstanceOf(NoHealth.class);
		});
	}

	@Test
	void contextWhenSpringDataRedisMissingThenNoBeans() {
		this.runner.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class)).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(JsonCache.class)
				.doesNotHaveBean(RedisKeys.class)
				.doesNotHaveBean(RedisAvailability.class);
		});
	}

	@Test
	void contextWhenHealthModuleMissingThenNoHealthIndicatorButCache() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run((context) -> {
			assertThat(context).hasSingleBean(JsonCache.class)
				.doesNotHaveBean(RedisAvailabilityHealthIndicator.class)
				.doesNotHaveBean("platformRedis");
		});
	}

	/** Beans a service defines itself. */
	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		final RedisKeys keys = new RedisKeys("mine:");

		@Bean
		RedisKeys userKeys() {
			return this.keys;
		}

		@Bean
		NoCache userCache() {
			return new NoCache();
		}

		@Bean
		NoHealth platformRedis() {
			return new NoHealth();
		}

	}

	/** A cache that never holds anything. */
	static class NoCache implements JsonCache {

		@Override
		public <T> Optional<T> get(String key, Class<T> type) {
			return Optional.empty();
		}

		@Override
		public <T> Optional<T> get(String key, TypeReference<T> type) {
			return Optional.empty();
		}

		@Override
		public void put(String key, Object value, Duration ttl) {
		}

		@Override
		public void evict(String key) {
		}

		@Override
		public long evictMatching(String pattern) {
			return 0;
		}

	}

	/** A health indicator of the service's own. */
	static class NoHealth implements HealthIndicator {

		@Override
		public org.springframework.boot.health.contributor.Health health() {
			return org.springframework.boot.health.contributor.Health.unknown().build();
		}

	}

}
