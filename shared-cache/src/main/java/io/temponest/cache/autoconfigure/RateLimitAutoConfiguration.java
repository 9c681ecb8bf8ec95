package io.temponest.cache.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.RedisAvailability;
import io.temponest.cache.RedisKeys;
import io.temponest.cache.ratelimit.InstancePresence;
import io.temponest.cache.ratelimit.RateLimitInterceptor;
import io.temponest.cache.ratelimit.RateLimitRoute;
import io.temponest.cache.ratelimit.RateLimiter;
import io.temponest.cache.ratelimit.RedisBuckets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Per-route rate limiting for servlet web applications: Bucket4j buckets in Redis over
 * Boot's Lettuce client, in-process buckets holding this instance's share of each limit
 * while Redis is unavailable (instances counted in Redis under
 * {@code rl-instances:{spring.application.name}}), applied by a Spring MVC interceptor.
 * Switched off with {@code platform.ratelimit.enabled=false}.
 */
@AutoConfiguration(after = PlatformCacheAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ Bucket.class, Bucket4jLettuce.class, LettuceConnectionFactory.class, HandlerInterceptor.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "platform.ratelimit.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(LettuceConnectionFactory.class)
@ConditionalOnBean({ RedisKeys.class, RedisAvailability.class })
@EnableConfigurationProperties(RateLimitProperties.class)
public final class RateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisBuckets redisBuckets(LettuceConnectionFactory connectionFactory) {
		return new RedisBuckets(connectionFactory::getNativeClient, Duration.ofMillis(connectionFactory.getTimeout()));
	}

	@Bean
	@ConditionalOnMissingBean
	InstancePresence instancePresence(RedisBuckets redisBuckets, RedisAvailability availability, RedisKeys keys,
			RateLimitProperties properties, Environment environment, ObjectProvider<MeterRegistry> meterRegistry) {
		String service = environment.getProperty("spring.application.name", "application");
		return new InstancePresence(redisBuckets, availability, keys.key("rl-instances:" + service),
				properties.instances().heartbeat(), properties.instances().minimum(),
				PlatformCacheAutoConfiguration.meterRegistryOrNone(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimiter rateLimiter(RedisBuckets redisBuckets, RedisAvailability availability, InstancePresence presence,
			RateLimitProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
		return new RateLimiter(redisBuckets, availability, presence, properties.fallbackMaxKeys(),
				PlatformCacheAutoConfiguration.meterRegistryOrNone(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitInterceptor rateLimitInterceptor(RateLimitProperties properties, RateLimiter rateLimiter, RedisKeys keys) {
		List<RateLimitRoute> routes = properties.routes()
			.entrySet()
			.stream()
			.map((entry) -> RateLimitRoute.of(entry.getKey(), entry.getValue().method(), entry.getValue().path(),
					entry.getValue().limit(), entry.getValue().period()))
			.toList();
		return new RateLimitInterceptor(routes, rateLimiter, keys);
	}

	@Bean
	RateLimitWebMvcConfigurer rateLimitWebMvcConfigurer(RateLimitInterceptor interceptor) {
		return new RateLimitWebMvcConfigurer(interceptor);
	}

}
