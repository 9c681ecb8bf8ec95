package io.temponest.security.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.temponest.cache.RedisKeys;
import io.temponest.cache.autoconfigure.PlatformCacheAutoConfiguration;
import io.temponest.security.RevokedTokens;
import io.temponest.security.jwt.RedisRevokedTokens;
import io.temponest.security.testapp.InMemoryRevokedTokens;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link RevocationAutoConfiguration}: the Redis deny-list and its back-off. */
class RevocationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PlatformCacheAutoConfiguration.class,
				RevocationAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=" + TestInfrastructure.get().redisUrl(), "platform.redis.key-prefix="
				+ TestInfrastructure.get().redisKeyPrefix() + "autoconfig-" + UUID.randomUUID() + ":");

	@Test
	void defaultsWhenRedisPresentThenRunningRedisDenyList() {
		this.runner.run((context) -> {
			RedisRevokedTokens tokens = context.getBean(RedisRevokedTokens.class);
			assertThat(tokens.isRunning()).isTrue();
			String jti = UUID.randomUUID().toString();
			tokens.revoke(jti, Instant.now().plus(Duration.ofMinutes(5)));
			assertThat(context.getBean(RevokedTokens.class).isRevoked(jti)).isTrue();
		});
	}

	@Test
	void resyncIntervalWhenShortenedThenEntriesWrittenElsewhereArriveQuickly() {
		this.runner.withPropertyValues("platform.security.revocation.resync-interval=100ms").run((context) -> {
			String jti = UUID.randomUUID().toString();
			context.getBean(StringRedisTemplate.class)
				.opsForZSet()
				.add(context.getBean(RedisKeys.class).key(RedisRevokedTokens.SET_NAME), jti,
						Instant.now().plus(Duration.ofMinutes(5)).getEpochSecond());
			await().atMost(Duration.ofSeconds(5)).until(() -> context.getBean(RevokedTokens.class).isRevoked(jti));
		});
	}

	@Test
	void revokedTokensWhenUserDefinedThenBacksOff() {
		this.runner.withBean("customRevokedTokens", RevokedTokens.class, InMemoryRevokedTokens::new)
			.run((context) -> assertThat(context).hasSingleBean(RevokedTokens.class)
				.doesNotHaveBean(RedisRevokedTokens.class));
	}

	@Test
	void resourceServerAbsentThenNothingRegistered() {
		this.runner.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RevokedTokens.class));
	}

	@Test
	void redisAbsentThenNothingRegistered() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RevocationAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RevokedTokens.class));
	}

}
