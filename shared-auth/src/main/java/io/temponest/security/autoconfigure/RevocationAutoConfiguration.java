package io.temponest.security.autoconfigure;

import java.time.Clock;

import io.temponest.cache.RedisAvailability;
import io.temponest.cache.RedisKeys;
import io.temponest.security.RevokedTokens;
import io.temponest.security.jwt.RedisRevokedTokens;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The Redis-backed, in-process deny-list of revoked access tokens. */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ JwtDecoder.class, RedisConnectionFactory.class, RedisMessageListenerContainer.class })
@ConditionalOnBean(RedisConnectionFactory.class)
@EnableConfigurationProperties(PlatformSecurityProperties.class)
public final class RevocationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RevokedTokens.class)
	RedisRevokedTokens redisRevokedTokens(RedisConnectionFactory connectionFactory, RedisKeys redisKeys,
			RedisAvailability redisAvailability, PlatformSecurityProperties properties) {
		return new RedisRevokedTokens(connectionFactory, redisKeys, redisAvailability,
				properties.revocation().resyncInterval(), Clock.systemUTC());
	}

}
