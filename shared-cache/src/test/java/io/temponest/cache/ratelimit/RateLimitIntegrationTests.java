package io.temponest.cache.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.CacheTestApplication;
import io.temponest.testsupport.PlatformTestInfrastructure;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limiting of a small web application, buckets in the real Redis server. */
@SpringBootTest(classes = CacheTestApplication.class)
@AutoConfigureMockMvc
@Import(PlatformTestInfrastructure.class)
class RateLimitIntegrationTests {

	private static final String PREFIX = TestInfrastructure.get().redisKeyPrefix();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void loginWhenLimitReachedThen429ProblemWithRetryAfter() {
		for (int remaining = 4; remaining >= 0; remaining--) {
			assertThat(login("127.0.1.1")).hasStatusOk()
				.headers()
				.hasValue("X-RateLimit-Limit", 5)
				.hasValue("X-RateLimit-Remaining", remaining);
		}
		MvcTestResult rejected = login("127.0.1.1");
		assertThat(rejected).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.headers()
			.hasValue("X-RateLimit-Limit", 5)
			.hasValue("X-RateLimit-Remaining", 0);
		assertThat(rejected).bodyJson().extractingPath("$.title").isEqualTo("Too Many Requests");
		assertThat(rejected).bodyJson().extractingPath("$.status").isEqualTo(429);
		assertThat(rejected).bodyJson().extractingPath("$.detail").isEqualTo("Rate limit exceeded: 5 per 1 minute");
		assertThat(rejected).bodyJson().extractingPath("$.error").isEqualTo("Rate limit exceeded: 5 per 1 minute");
		assertThat(Long.parseLong(rejected.getResponse().getHeader("Retry-After"))).isBetween(1L, 60L);
	}

	@Test
	void loginWhenRejectedThenCountedAsRejected() {
		double rejectedBefore = requests("login", "rejected");
		for (int i = 0; i < 6; i++) {
			login("127.0.1.2");
		}
		assertThat(requests("login", "rejected") - rejectedBefore).isEqualTo(1);
	}

	@Test
	void loginWhenOtherAddressExhaustedThenOwnBucket() {
		exhaustLogin("127.0.1.3");
		assertThat(login("127.0.1.4")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 4);
	}

	@Test
	void loginWhenAuthenticatedThenKeyedByPrincipalNotAddress() {
		exhaustLogin("127.0.1.5");
		MvcTestResult result = this.mvc.post().uri("/auth/login").principal(() -> "alice").with((request) -> {
			request.setRemoteAddr("127.0.1.5");
			return request;
		}).exchange();
		assertThat(result).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 4);
		assertThat(this.redis.hasKey(PREFIX + "rl:login:user:alice")).isTrue();
		assertThat(this.redis.hasKey(PREFIX + "rl:login:ip:127.0.1.5")).isTrue();
	}

	@Test
	void itemWhenOtherIdOrTrailingSlashThenSameBucket() {
		assertThat(get("/items/1", "127.0.1.6")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 1);
		assertThat(get("/items/2/", "127.0.1.6")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 0);
		assertThat(get("/items/3", "127.0.1.6")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void itemWhenLimitedThenRedisKeyExpiresWithinWindow() {
		get("/items/1", "127.0.1.7");
		Long ttl = this.redis.getExpire(PREFIX + "rl:item:ip:127.0.1.7");
		assertThat(ttl).isBetween(1L, 3601L);
	}

	@Test
	void submitWhenAnsweredWithBadInputThenTokenGivenBack() {
		for (int i = 0; i < 3; i++) {
			assertThat(submit(422, "127.0.1.8")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(submit(400, "127.0.1.8")).hasStatus(HttpStatus.BAD_REQUEST);
		}
		assertThat(submit(200, "127.0.1.8")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 1);
		assertThat(submit(200, "127.0.1.8")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 0);
		assertThat(submit(200, "127.0.1.8")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void submitWhenExceptionResolvedToBadInputThenTokenGivenBack() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.mvc.post().uri("/submissions?status=422&raise=true").with((request) -> {
				request.setRemoteAddr("127.0.1.12");
				return request;
			})).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		}
		assertThat(submit(200, "127.0.1.12")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 1);
	}

	@Test
	void submitWhenServerErrorThenTokenKept() {
		assertThat(submit(500, "127.0.1.9")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(submit(200, "127.0.1.9")).hasStatusOk().headers().hasValue("X-RateLimit-Remaining", 0);
	}

	@Test
	void freeWhenNotConfiguredThenNeverLimited() {
		for (int i = 0; i < 10; i++) {
			MvcTestResult result = get("/free", "127.0.1.10");
			assertThat(result).hasStatusOk();
			assertThat(result.getResponse().getHeader("X-RateLimit-Limit")).isNull();
		}
	}

	private void exhaustLogin(String address) {
		for (int i = 0; i < 5; i++) {
			assertThat(login(address)).hasStatusOk();
		}
		assertThat(login(address)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	private MvcTestResult login(String address) {
		return this.mvc.post().uri("/auth/login").with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).exchange();
	}

	private MvcTestResult submit(int status, String address) {
		return this.mvc.post().uri("/submissions?status=" + status).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).exchange();
	}

	private MvcTestResult get(String uri, String address) {
		return this.mvc.get().uri(uri).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).exchange();
	}

	private double requests(String route, String result) {
		var counter = this.meterRegistry.find("temponest.ratelimit.requests")
			.tags("route", route, "result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
