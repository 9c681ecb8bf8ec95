package io.temponest.security.jwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.temponest.cache.RedisKeys;
import io.temponest.testsupport.MutableClock;
import io.temponest.cache.RedisAvailability;
import io.temponest.security.testapp.RecordingRedisAvailability;
import io.temponest.security.testapp.RedisConnections;
import io.temponest.testsupport.PrivateRedisServer;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deny-list across instances on the real Redis: pub/sub, bootstrap, resync, expiry,
 * outage.
 */
class RedisRevokedTokensIntegrationTests {

	private final RedisKeys keys = new RedisKeys(
			TestInfrastructure.get().redisKeyPrefix() + "revocation-" + UUID.randomUUID() + ":");

	private final List<RedisRevokedTokens> instances = new ArrayList<>();

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final MutableClock clock = new MutableClock();

	@AfterEach
	void stopInstances() throws Exception {
		for (RedisRevokedTokens instance : this.instances) {
			instance.destroy();
		}
		for (LettuceConnectionFactory connection : this.connections) {
			connection.destroy();
		}
	}

	@Test
	void revokeWhenAnnouncedThenAnotherInstanceRejectsTheToken() {
		RedisRevokedTokens first = start(sharedRedis(), Duration.ofMinutes(10));
		RedisRevokedTokens second = start(sharedRedis(), Duration.ofMinutes(10));
		String jti = UUID.randomUUID().toString();
		assertThat(second.isRevoked(jti)).isFalse();
		first.revoke(jti, this.clock.instant().plus(Duration.ofMinutes(30)));
		assertThat(first.isRevoked(jti)).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> second.isRevoked(jti));
	}

	@Test
	void revokeWhileRedisInBackOffThenAnnouncedOnceUsableNotAtTheNextResync() {
		SwitchableAvailability availability = new SwitchableAvailability();
		RedisRevokedTokens first = start(sharedRedis(), availability, Duration.ofMinutes(10));
		RedisRevokedTokens second = start(sharedRedis(), Duration.ofMinutes(10));
		availability.available = false;
		String jti = UUID.randomUUID().toString();
		first.revoke(jti, this.clock.instant().plus(Duration.ofMinutes(30)));
		assertThat(first.isRevoked(jti)).isTrue();
		assertThat(second.isRevoked(jti)).isFalse();
		availability.available = true;
		await().atMost(Duration.ofSeconds(10)).until(() -> second.isRevoked(jti));
	}

	@Test
	void startWhenSetHoldsRevocationsThenNewInstanceKnowsThemAtOnce() {
		RedisRevokedTokens first = start(sharedRedis(), Duration.ofMinutes(10));
		String jti = UUID.randomUUID().toString();
		first.revoke(jti, this.clock.instant().plus(Duration.ofMinutes(30)));
		RedisRevokedTokens late = start(sharedRedis(), Duration.ofMinutes(10));
		assertThat(late.isRevoked(jti)).isTrue();
	}

	@Test
	void resyncWhenAnnouncementMissedThenInstanceCatchesUp() {
		RedisRevokedTokens instance = start(sharedRedis(), Duration.ofMillis(200));
		String jti = UUID.randomUUID().toString();
		redis(sharedRedis()).opsForZSet()
			.add(this.keys.key(RedisRevokedTokens.SET_NAME), jti,
					this.clock.instant().plus(Duration.ofMinutes(30)).getEpochSecond());
		await().atMost(Duration.ofSeconds(10)).until(() -> instance.isRevoked(jti));
	}

	@Test
	void resyncWhenEntriesExpiredThenPrunedLocallyAndInRedis() {
		LettuceConnectionFactory connection = sharedRedis();
		RedisRevokedTokens instance = start(connection, Duration.ofMinutes(10));
		String jti = UUID.randomUUID().toString();
		instance.revoke(jti, this.clock.instant().plus(Duration.ofMinutes(1)));
		String setKey = this.keys.key(RedisRevokedTokens.SET_NAME);
		await().atMost(Duration.ofSeconds(10)).until(() -> redis(connection).opsForZSet().score(setKey, jti) != null);
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(instance.isRevoked(jti)).isFalse();
		instance.resync();
		assertThat(instance.size()).isZero();
		assertThat(redis(connection).opsForZSet().score(setKey, jti)).isNull();
	}

	@Test
	void revokeWhenAlreadyExpiredThenIgnored() {
		RedisRevokedTokens instance = start(sharedRedis(), Duration.ofMinutes(10));
		String jti = UUID.randomUUID().toString();
		instance.revoke(jti, this.clock.instant().minusSeconds(1));
		assertThat(instance.isRevoked(jti)).isFalse();
		assertThat(instance.size()).isZero();
	}

	@Test
	void redisOutageWhenRevokingThenLastListKeptAndPushedAfterRecovery() {
		try (PrivateRedisServer server = PrivateRedisServer.start()) {
			RecordingRedisAvailability availability = new RecordingRedisAvailability();
			RedisRevokedTokens instance = start(connection(server.url()), availability, Duration.ofMinutes(10));
			String before = UUID.randomUUID().toString();
			instance.revoke(before, this.clock.instant().plus(Duration.ofMinutes(30)));
			server.stop();
			assertThat(instance.isRevoked(before)).isTrue();
			String during = UUID.randomUUID().toString();
			instance.revoke(during, this.clock.instant().plus(Duration.ofMinutes(30)));
			instance.resync();
			assertThat(instance.isRevoked(before)).isTrue();
			assertThat(instance.isRevoked(during)).isTrue();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(availability.failures()).isGreaterThanOrEqualTo(2));
			server.restart();
			// the restarted server lost everything; the next resync writes the local list
			// back
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				instance.resync();
				assertThat(
						redis(connection(server.url())).opsForZSet().size(this.keys.key(RedisRevokedTokens.SET_NAME)))
					.isEqualTo(2);
			});
			RedisRevokedTokens recovered = start(connection(server.url()), Duration.ofMinutes(10));
			assertThat(recovered.isRevoked(before)).isTrue();
			assertThat(recovered.isRevoked(during)).isTrue();
		}
	}

	@Test
	void startWhenRedisDownThenStartsAndCatchesUpOnceRedisIsBack() {
		try (PrivateRedisServer server = PrivateRedisServer.start()) {
			server.stop();
			RecordingRedisAvailability availability = new RecordingRedisAvailability();
			RedisRevokedTokens instance = start(connection(server.url()), availability, Duration.ofMillis(300));
			assertThat(instance.isRunning()).isTrue();
			assertThat(availability.failures()).isPositive();
			server.restart();
			String jti = UUID.randomUUID().toString();
			RedisRevokedTokens other = start(connection(server.url()), Duration.ofMinutes(10));
			other.revoke(jti, this.clock.instant().plus(Duration.ofMinutes(30)));
			await().atMost(Duration.ofSeconds(20)).until(() -> instance.isRevoked(jti));
		}
	}

	private RedisRevokedTokens start(LettuceConnectionFactory connection, Duration resyncInterval) {
		return start(connection, new RecordingRedisAvailability(), resyncInterval);
	}

	private RedisRevokedTokens start(LettuceConnectionFactory connection, RedisAvailability availability,
			Duration resyncInterval) {
		RedisRevokedTokens instance = new RedisRevokedTokens(connection, this.keys, availability, resyncInterval,
				this.clock);
		instance.start();
		this.instances.add(instance);
		return instance;
	}

	private LettuceConnectionFactory sharedRedis() {
		return connection(TestInfrastructure.get().redisUrl());
	}

	private LettuceConnectionFactory connection(String url) {
		LettuceConnectionFactory connection = RedisConnections.start(url);
		this.connections.add(connection);
		return connection;
	}

	private static StringRedisTemplate redis(LettuceConnectionFactory connection) {
		StringRedisTemplate template = new StringRedisTemplate(connection);
		template.afterPropertiesSet();
		return template;
	}

	/**
	 * Redis availability that a test switches, as a back-off after another failure would.
	 */
	private static final class SwitchableAvailability implements RedisAvailability {

		private volatile boolean available = true;

		@Override
		public boolean isAvailable() {
			return this.available;
		}

		@Override
		public void reportFailure(String operation, RuntimeException failure) {
		}

		@Override
		public void reportSuccess() {
		}

	}

}
