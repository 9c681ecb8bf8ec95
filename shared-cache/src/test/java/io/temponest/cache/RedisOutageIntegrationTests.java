package io.temponest.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.testsupport.PrivateRedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops a private Redis server under a running application: caches turn into misses, rate
 * limits go on in process, health stays UP with degraded details, and everything returns
 * to Redis once the server is back (empty, yet the quota used in the outage still holds).
 */
@SpringBootTest(classes = CacheTestApplication.class,
		properties = { "platform.cache.failure-backoff=2s", "spring.data.redis.timeout=1s",
				"spring.data.redis.connect-timeout=1s" })
@AutoConfigureMockMvc
@DirtiesContext
class RedisOutageIntegrationTests {

	private static final PrivateRedisServer server = PrivateRedisServer.start();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonCache cache;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void privateRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", server::url);
	}

	@AfterAll
	static void closeServer() {
		server.close();
	}

	@Test
	void redisWhenStoppedAndRestartedThenFallbacksServeAndRedisIsUsedAgain() {
		AtomicInteger caller = new AtomicInteger();
		awaitRedisServing(caller);
		assertThat(this.cache.get("outage:served", String.class)).contains("cached");
		assertThat(degraded()).isZero();

		server.stop();

		long started = System.nanoTime();
		assertThat(this.cache.get("outage:served", String.class)).isEmpty();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		double fallbacksBefore = fallbacks();
		double failuresBefore = failures();
		for (int remaining = 4; remaining >= 0; remaining--) {
			assertThat(login("127.0.2.2")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", remaining);
		}
		assertThat(login("127.0.2.2")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(fallbacks() - fallbacksBefore).isEqualTo(6);
		assertThat(failures()).as("no Redis call during the back-off").isEqualTo(failuresBefore);
		assertThat(degraded()).isEqualTo(1);
		MvcTestResult health = this.mvc.get().uri("/actuator/health").exchange();
		assertThat(health).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("UP");
		assertThat(health).bodyJson().extractingPath("$.components.platformRedis.details.degraded").isEqualTo(true);
		assertThat(health).bodyJson()
			.extractingPath("$.components.platformRedis.details.lastFailure")
			.asString()
			.isNotEqualTo("none");

		server.restart();

		awaitRedisServing(caller);
		assertThat(degraded()).isZero();
		assertThat(login("127.0.2.2")).as("Redis came back empty: the quota used in the outage still holds")
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(this.meterRegistry.get("temponest.ratelimit.instances").gauge().value()).isEqualTo(1);
	}

	/**
	 * Wait until both the cache and the rate limiter use Redis: a fresh caller's login
	 * leaves its bucket in Redis without a fallback decision.
	 */
	private void awaitRedisServing(AtomicInteger caller) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			this.cache.put("outage:served", "cached", Duration.ofMinutes(1));
			assertThat(this.cache.get("outage:served", String.class)).contains("cached");
			String address = "127.0.3." + caller.incrementAndGet();
			double fallbacks = fallbacks();
			assertThat(login(address)).hasStatusOk();
			assertThat(fallbacks()).isEqualTo(fallbacks);
			assertThat(this.redis.hasKey("rl:login:ip:" + address)).isTrue();
		});
	}

	private MvcTestResult login(String address) {
		return this.mvc.post().uri("/auth/login").with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).exchange();
	}

	private double fallbacks() {
		return this.meterRegistry.get("temponest.ratelimit.fallback").counter().count();
	}

	private double failures() {
		return this.meterRegistry.find("temponest.redis.failures")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private double degraded() {
		return this.meterRegistry.get("temponest.redis.degraded").gauge().value();
	}

}
