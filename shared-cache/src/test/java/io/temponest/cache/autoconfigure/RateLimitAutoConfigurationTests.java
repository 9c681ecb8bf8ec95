package io.temponest.cache.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temponest.cache.ratelimit.InstancePresence;
import io.temponest.cache.ratelimit.RateLimitInterceptor;
import io.temponest.cache.ratelimit.RateLimitRoute;
import io.temponest.cache.ratelimit.RateLimiter;
import io.temponest.cache.ratelimit.RedisBuckets;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link RateLimitAutoConfiguration} in servlet and plain contexts. */
class RateLimitAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(DataRedisAutoConfiguration.class,
			PlatformCacheAutoConfiguration.class, RateLimitAutoConfiguration.class);

	private static final String REDIS_URL = "spring.data.redis.url=" + TestInfrastructure.get().redisUrl();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues(REDIS_URL);

	@Test
	void contextWhenServletAppThenInterceptorRegistered() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RateLimitInterceptor.class)
				.hasSingleBean(RateLimiter.class)
				.hasSingleBean(RedisBuckets.class)
				.hasSingleBean(InstancePresence.class)
				.hasSingleBean(WebMvcConfigurer.class);
			assertThat(context.getBean(RateLimitInterceptor.class).routes()).isEmpty();
			assertThat(context.getBean(RateLimitProperties.class).instances())
				.isEqualTo(new RateLimitProperties.Instances(Duration.ofSeconds(5), 1));
		});
	}

	@Test
	void contextWhenStartedThenPresenceKeptInRedisPerServiceUnderThePrefix() {
		String prefix = TestInfrastructure.get().redisKeyPrefix() + "presence-autoconfig:";
		this.runner
			.withPropertyValues("spring.application.name=limited", "platform.redis.key-prefix=" + prefix,
					"platform.ratelimit.instances.heartbeat=200ms", "platform.ratelimit.instances.minimum=3")
			.run((context) -> {
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(
							() -> assertThat(redis.opsForZSet().size(prefix + "rl-instances:limited")).isEqualTo(1));
				assertThat(redis.getExpire(prefix + "rl-instances:limited", TimeUnit.MILLISECONDS)).isBetween(1L, 600L);
				assertThat(context.getBean(InstancePresence.class).instances()).as("at least the minimum").isEqualTo(3);
				context.close();
				RedisClient client = RedisClient.create(TestInfrastructure.get().redisUrl());
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					assertThat(connection.sync().exists(prefix + "rl-instances:limited"))
						.as("removed when the instance stops")
						.isZero();
				}
				finally {
					client.shutdown();
				}
			});
	}

	@Test
	void contextWhenRoutesConfiguredThenBound() {
		this.runner
			.withPropertyValues("platform.ratelimit.routes.login.method=post",
					"platform.ratelimit.routes.login.path=/auth/login", "platform.ratelimit.routes.login.limit=5",
					"platform.ratelimit.routes.login.period=1m", "platform.ratelimit.routes.keys.path=/api-keys/{id}",
					"platform.ratelimit.routes.keys.limit=20", "platform.ratelimit.routes.keys.period=1h")
			.run((context) -> {
				assertThat(context.getBean(RateLimitInterceptor.class).routes()).extracting(RateLimitRoute::id)
					.containsExactlyInAnyOrder("login", "keys");
				RateLimitRoute login = context.getBean(RateLimitInterceptor.class)
					.routes()
					.stream()
					.filter((route) -> route.id().equals("login"))
					.findFirst()
					.orElseThrow();
				assertThat(login.method()).isEqualTo(HttpMethod.POST);
				assertThat(login.limit()).isEqualTo(5);
				assertThat(login.period()).isEqualTo(Duration.ofMinutes(1));
				assertThat(login.description()).isEqualTo("5 per 1 minute");
			});
	}

	@Test
	void contextWhenRouteInvalidThenFailsWithRouteName() {
		this.runner
			.withPropertyValues("platform.ratelimit.routes.login.path=/auth/login",
					"platform.ratelimit.routes.login.limit=0")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("'login'"));
	}

	@Test
	void contextWhenDisabledThenNoRateLimiting() {
		this.runner.withPropertyValues("platform.ratelimit.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimitInterceptor.class)
				.doesNotHaveBean(RateLimiter.class)
				.doesNotHaveBean(RedisBuckets.class)
				.doesNotHaveBean(InstancePresence.class)
				.doesNotHaveBean(WebMvcConfigurer.class));
	}

	@Test
	void contextWhenBucket4jMissingThenNoRateLimiting() {
		this.runner.withClassLoader(new FilteredClassLoader(Bucket.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RateLimitInterceptor.class)
				.doesNotHaveBean(RedisBuckets.class));
	}

	@Test
	void contextWhenLettuceConnectionFactoryMissingThenNoRateLimiting() {
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitInterceptor.class));
	}

	@Test
	void contextWhenNotWebApplicationThenNoRateLimiting() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(REDIS_URL)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitInterceptor.class));
	}

	@Test
	void contextWhenUserDefinesRedisBucketsThenOursBacksOff() {
		this.runner.withUserConfiguration(UserBuckets.class).run((context) -> {
			assertThat(context).hasSingleBean(RedisBuckets.class).hasSingleBean(RateLimitInterceptor.class);
			assertThat(context.getBean(RedisBuckets.class)).isSameAs(context.getBean("userBuckets"));
		});
	}

	/** Buckets a service configures itself. */
	@Configuration(proxyBeanMethods = false)
	static class UserBuckets {

		@Bean
		RedisBuckets userBuckets(LettuceConnectionFactory connectionFactory) {
			return new RedisBuckets(connectionFactory::getNativeClient, Duration.ofMillis(250));
		}

	}

}
