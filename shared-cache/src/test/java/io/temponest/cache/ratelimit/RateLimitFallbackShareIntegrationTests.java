package io.temponest.cache.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.cache.BackoffRedisAvailability;
import io.temponest.testsupport.PrivateRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of a service (two rate limiters, each with its own Redis client,
 * availability and presence) share one private Redis server that goes away and comes back
 * empty: while it is away the instances together allow no more than the limit, a quota
 * used during the outage still holds when Redis returns empty, and with Redis up the
 * limit is global as before.
 */
class RateLimitFallbackShareIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	private static final RateLimitRoute REGISTER = RateLimitRoute.of("register", "POST", "/auth/register", 3,
			Duration.ofHours(1));

	private static final RateLimitRoute PROBE = RateLimitRoute.of("probe", "GET", "/probe", 1000, Duration.ofHours(1));

	private static final PrivateRedisServer server = PrivateRedisServer.start();

	private static final ClientResources resources = DefaultClientResources.create();

	private final String prefix = "limits-" + UUID.randomUUID() + ":";

	private final List<Instance> instances = new ArrayList<>();

	private final AtomicInteger probes = new AtomicInteger();

	private boolean serverStopped;

	@AfterEach
	void closeInstancesAndRestoreServer() {
		this.instances.forEach(Instance::close);
		if (this.serverStopped) {
			server.restart();
		}
	}

	@AfterAll
	static void closeServer() {
		server.close();
		resources.shutdown(0, 2, TimeUnit.SECONDS);
	}

	@Test
	void outageWhenTwoInstancesKnownThenAtMostTheLimitAcrossBoth() {
		Instance a = instance(1);
		Instance b = instance(1);
		awaitInstances(2, a, b);

		stopServer();

		String caller = key("198.51.100.1");
		int[] allowed = new int[2];
		for (int i = 0; i < 10; i++) {
			int target = i % 2;
			if (((target == 0) ? a : b).limiter.tryAcquire(REGISTER, caller).allowed()) {
				allowed[target]++;
			}
		}
		assertThat(allowed[0] + allowed[1]).as("registrations across both instances").isEqualTo(3);
		assertThat(List.of(allowed[0], allowed[1])).as("each instance its share").containsExactlyInAnyOrder(2, 1);
		assertThat(a.fallbacks()).isPositive();
		assertThat(b.fallbacks()).isPositive();
	}

	@Test
	void redisBackEmptyWhenQuotaUsedDuringOutageThenStillRefused() {
		Instance a = instance(1);
		Instance b = instance(1);
		awaitInstances(2, a, b);
		stopServer();
		String caller = key("198.51.100.2");
		int allowed = 0;
		for (int i = 0; i < 6; i++) {
			if (((i % 2 == 0) ? a : b).limiter.tryAcquire(REGISTER, caller).allowed()) {
				allowed++;
			}
		}
		assertThat(allowed).isEqualTo(3);

		restartServer();
		awaitRedisServing(a);
		awaitRedisServing(b);

		for (Instance instance : List.of(a, b, a, b)) {
			RateLimitDecision decision = instance.limiter.tryAcquire(REGISTER, caller);
			assertThat(decision.allowed()).as("quota used during the outage").isFalse();
			assertThat(decision.retryAfterSeconds()).isBetween(1L, 3600L);
		}
		String newcomer = key("198.51.100.3");
		assertThat(a.limiter.tryAcquire(REGISTER, newcomer).inRedis()).as("other callers are limited in Redis")
			.isTrue();
	}

	@Test
	void redisBackWhenCallerRememberedThenBothBucketsChargedAndRefunded() {
		Instance a = instance(1);
		awaitInstances(1, a);
		stopServer();
		String caller = key("198.51.100.4");
		assertThat(a.limiter.tryAcquire(REGISTER, caller).allowed()).isTrue();

		restartServer();
		awaitRedisServing(a);

		RateLimitDecision decision = a.limiter.tryAcquire(REGISTER, caller);
		assertThat(decision.allowed()).isTrue();
		assertThat(decision.inRedis()).isTrue();
		assertThat(decision.localBucket()).as("remembered from the outage").isNotNull();
		assertThat(decision.remaining()).as("the fewer of Redis (2) and the outage bucket (1)").isEqualTo(1);
		a.limiter.refund(decision);
		assertThat(redisTokens(a, caller)).isEqualTo(3);

		assertThat(a.limiter.tryAcquire(REGISTER, caller).allowed()).isTrue();
		assertThat(a.limiter.tryAcquire(REGISTER, caller).allowed()).isTrue();
		assertThat(a.limiter.tryAcquire(REGISTER, caller).allowed()).as("3 per hour, one used in the outage").isFalse();
		assertThat(redisTokens(a, caller)).as("charged in Redis too").isEqualTo(1);
	}

	@Test
	void redisBackWhenCallerServedOnOneInstanceOnlyThenTheOtherSeesTheOutageUse() {
		Instance a = instance(1);
		Instance b = instance(1);
		awaitInstances(2, a, b);
		stopServer();
		String caller = key("198.51.100.6");
		int usedOnA = 0;
		for (int i = 0; i < 5; i++) {
			if (a.limiter.tryAcquire(REGISTER, caller).allowed()) {
				usedOnA++;
			}
		}
		assertThat(usedOnA).as("a's share").isBetween(1, 2);

		restartServer();
		awaitRedisServing(a);
		awaitRedisServing(b);
		a.presence.refresh();

		int allowedOnB = 0;
		for (int i = 0; i < 5; i++) {
			if (b.limiter.tryAcquire(REGISTER, caller).allowed()) {
				allowedOnB++;
			}
		}
		assertThat(usedOnA + allowedOnB).as("the outage use was charged to the empty Redis").isEqualTo(3);
	}

	@Test
	void redisUpWhenTwoInstancesThenOneGlobalLimitAndNoShares() {
		Instance a = instance(1);
		Instance b = instance(1);
		awaitInstances(2, a, b);
		String caller = key("198.51.100.5");
		for (int i = 0; i < 3; i++) {
			assertThat(a.limiter.tryAcquire(REGISTER, caller).allowed()).as("the whole limit on one instance").isTrue();
		}
		assertThat(b.limiter.tryAcquire(REGISTER, caller).allowed()).as("global across instances").isFalse();
		assertThat(a.limiter.tryAcquire(REGISTER, caller).allowed()).isFalse();
		assertThat(a.fallbacks() + b.fallbacks()).isZero();
	}

	@Test
	void presenceWhenInstancesComeAndGoThenCountedAndExported() {
		Instance a = instance(1);
		awaitInstances(1, a);
		assertThat(a.gauge()).isEqualTo(1);

		Instance b = instance(1);
		awaitInstances(2, a, b);
		assertThat(a.gauge()).isEqualTo(2);
		assertThat(b.gauge()).isEqualTo(2);
		try (StatefulRedisConnection<String, String> redis = connect()) {
			assertThat(redis.sync().zcard(this.prefix + "rl-instances:svc")).isEqualTo(2);
			assertThat(redis.sync().pttl(this.prefix + "rl-instances:svc")).as("three heartbeats").isBetween(1L, 3000L);
		}

		Instance silent = instance(1, Duration.ofMillis(300));
		awaitInstances(3, a, silent);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			a.presence.refresh();
			assertThat(a.presence.instances()).as("forgotten after three missed heartbeats").isEqualTo(2);
		});

		b.close();
		a.presence.refresh();
		assertThat(a.presence.instances()).as("gone when closed").isEqualTo(1);
		assertThat(a.gauge()).isEqualTo(1);

		Instance assumed = instance(4);
		assumed.presence.refresh();
		awaitInstances(2, a);
		assertThat(assumed.presence.instances()).as("at least the configured minimum").isEqualTo(4);
		assertThat(assumed.gauge()).isEqualTo(4);
		assertThat(assumed.presence.share(3)).as("never below one").isEqualTo(1);

		stopServer();
		a.presence.refresh();
		assertThat(a.presence.instances()).as("last known count kept during the outage").isEqualTo(2);
	}

	private Instance instance(int minimum) {
		return instance(minimum, Duration.ofSeconds(1));
	}

	private Instance instance(int minimum, Duration heartbeat) {
		Instance instance = new Instance(this.prefix, minimum, heartbeat);
		this.instances.add(instance);
		return instance;
	}

	/** Refresh every instance's presence until each sees {@code count} instances. */
	private void awaitInstances(int count, Instance... all) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			for (Instance instance : all) {
				instance.presence.refresh();
			}
			for (Instance instance : all) {
				instance.presence.refresh();
				assertThat(instance.presence.instances()).isEqualTo(count);
			}
		});
	}

	/** Wait until a fresh caller's request is decided in Redis, not in process. */
	private void awaitRedisServing(Instance instance) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(
					instance.limiter.tryAcquire(PROBE, key("probe-" + this.probes.incrementAndGet())).inRedis())
				.isTrue());
	}

	private long redisTokens(Instance instance, String key) {
		return instance.buckets.bucket(key, REGISTER).getAvailableTokens();
	}

	private String key(String address) {
		return this.prefix + "rl:register:ip:" + address;
	}

	private void stopServer() {
		server.stop();
		this.serverStopped = true;
	}

	private void restartServer() {
		server.restart();
		this.serverStopped = false;
	}

	private static StatefulRedisConnection<String, String> connect() {
		return RedisClient.create(resources, server.url()).connect();
	}

	/** One service instance: its own Redis client, availability, presence and limiter. */
	private static final class Instance implements AutoCloseable {

		private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

		private final RedisClient client;

		private final RedisBuckets buckets;

		private final InstancePresence presence;

		private final RateLimiter limiter;

		private boolean closed;

		Instance(String prefix, int minimum, Duration heartbeat) {
			this.client = RedisClient.create(resources, RedisURI.create(server.url()));
			this.client.setOptions(ClientOptions.builder()
				.socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
				.timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
				.build());
			BackoffRedisAvailability availability = new BackoffRedisAvailability(TIMEOUT, this.registry);
			this.buckets = new RedisBuckets(() -> this.client, TIMEOUT);
			this.presence = new InstancePresence(this.buckets, availability, prefix + "rl-instances:svc", heartbeat,
					minimum, this.registry);
			this.limiter = new RateLimiter(this.buckets, availability, this.presence, 1000, this.registry);
		}

		double fallbacks() {
			return this.registry.get("temponest.ratelimit.fallback").counter().count();
		}

		double gauge() {
			return this.registry.get("temponest.ratelimit.instances").gauge().value();
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				this.presence.close();
				this.buckets.close();
				this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
			}
		}

	}

}
