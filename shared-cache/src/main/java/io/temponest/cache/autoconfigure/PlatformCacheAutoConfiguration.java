package io.temponest.cache.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temponest.cache.BackoffRedisAvailability;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import io.temponest.cache.RedisAvailabilityHealthIndicator;
import io.temponest.cache.RedisJsonCache;
import io.temponest.cache.RedisKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The platform's Redis basics: the key prefix, the availability tracker (with its
 * {@code platformRedis} health contributor) and the JSON cache.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ StringRedisTemplate.class, JsonMapper.class, MeterRegistry.class })
@EnableConfigurationProperties({ PlatformRedisProperties.class, PlatformCacheProperties.class })
public final class PlatformCacheAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisKeys redisKeys(PlatformRedisProperties properties) {
		return new RedisKeys(properties.keyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisAvailability redisAvailability(PlatformCacheProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new BackoffRedisAvailability(properties.failureBackoff(), meterRegistryOrNone(meterRegistry));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(StringRedisTemplate.class)
	JsonCache jsonCache(StringRedisTemplate redis, ObjectProvider<JsonMapper> jsonMapper, RedisKeys keys,
			RedisAvailability availability, ObjectProvider<MeterRegistry> meterRegistry) {
		return new RedisJsonCache(redis, jsonMapper.getIfAvailable(JsonMapper::shared), keys, availability,
				meterRegistryOrNone(meterRegistry));
	}

	static MeterRegistry meterRegistryOrNone(ObjectProvider<MeterRegistry> meterRegistry) {
		return meterRegistry.getIfAvailable(CompositeMeterRegistry::new);
	}

	/** The always-UP health contributor that shows Redis availability in its details. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class HealthConfiguration {

		@Bean(name = "platformRedis")
		@ConditionalOnMissingBean(name = "platformRedis")
		RedisAvailabilityHealthIndicator platformRedis(RedisAvailability availability) {
			return new RedisAvailabilityHealthIndicator(availability);
		}

	}

}
