package io.temponest.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.RedisKeys;
import io.temponest.security.RevokedTokens;
import io.temponest.security.TokenVerificationMetrics;
import io.temponest.security.jwt.RedisRevokedTokens;
import io.temponest.security.testapp.AuthServiceStub;
import io.temponest.security.testapp.RecordingRedisAvailability;
import io.temponest.security.testapp.RedisConnections;
import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.testsupport.TestInfrastructure;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API keys verified by a WireMock fake of the auth service, with verdict caching and the
 * revocation deny-list.
 */
@SecurityWebTest
class ApiKeyAuthenticationIntegrationTests {

	private static final String VERIFY = "/api-keys/verify";

	private final WireMockServer authService = AuthServiceStub.server();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private StringRedisTemplate redis;

	@Autowired
	private RedisKeys redisKeys;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private RevokedTokens revokedTokens;

	private String tenantId;

	@BeforeEach
	void resetAuthService() {
		this.authService.resetAll();
		this.tenantId = UUID.randomUUID().toString();
	}

	@Test
	void meWhenKeyInApiKeyHeaderIsValidThenPrincipalOfTheKey() {
		String key = newKey();
		stubVerify(key, validBody());
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("""
					{"principal": {"user_id": "api-key", "tenant_id": "%s", "email": "api-key@system",
					  "roles": ["api-key"], "permissions": ["agents:execute"], "is_superuser": false,
					  "auth_type": "api_key"},
					 "name": "api-key", "authorities": ["agents:execute", "ROLE_api-key"]}
					""".formatted(this.tenantId));
		this.authService.verify(1,
				getRequestedFor(urlEqualTo(VERIFY)).withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + key))
					.withHeader("X-Request-ID", matching(".+")));
	}

	@Test
	void runAgentWhenKeyAsBearerIsValidThenPermissionsOfTheKeyApply() {
		String key = newKey();
		stubVerify(key, validBody());
		assertThat(this.mvc.post().uri("/api/agents/run").header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/api/reports").header(HttpHeaders.AUTHORIZATION, "Bearer " + key))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void meWhenKeyValidTwiceThenAuthServiceAskedOnceAndVerdictCached() {
		String key = newKey();
		stubVerify(key, validBody());
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)).hasStatusOk();
		this.authService.verify(1, getRequestedFor(urlEqualTo(VERIFY)));
		assertThat(this.redis.hasKey(this.redisKeys.key("apikey:" + ApiKeys.sha256Hex(key)))).isTrue();
	}

	@Test
	void meWhenKeyUnknownTwiceThen401AndInvalidVerdictCached() {
		String key = newKey();
		this.authService.stubFor(get(VERIFY).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Invalid API key\"}")));
		double invalid = count("invalid");
		for (int i = 0; i < 2; i++) {
			assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatus(HttpStatus.UNAUTHORIZED)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.bodyJson()
				.isLenientlyEqualTo("{\"detail\": \"Invalid authentication credentials\"}");
		}
		this.authService.verify(1, getRequestedFor(urlEqualTo(VERIFY)));
		assertThat(count("invalid")).isEqualTo(invalid + 2);
	}

	@Test
	void meWhenAuthServiceFailsThen401AndVerdictNotCached() {
		String key = newKey();
		this.authService.stubFor(get(VERIFY).willReturn(aResponse().withStatus(503)));
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatus(HttpStatus.UNAUTHORIZED);
		stubVerify(key, validBody());
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatusOk();
		this.authService.verify(2, getRequestedFor(urlEqualTo(VERIFY)));
	}

	@Test
	void meWhenApiKeyHeaderIsNotAKeyThen401WithoutAskingTheAuthService() {
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, "not-a-key"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		this.authService.verify(0, getRequestedFor(WireMock.anyUrl()));
	}

	@Test
	void meWhenKeyAndAccessTokenSentThenBothMustBeValidAndTheTokenWins() {
		String key = newKey();
		stubVerify(key, validBody());
		assertThat(this.mvc.get()
			.uri("/api/me")
			.header(ApiKeys.HEADER, key)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.access("agents:read"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.principal.auth_type")
			.isEqualTo("jwt");
		assertThat(this.mvc.get()
			.uri("/api/me")
			.header(ApiKeys.HEADER, key)
			.header(HttpHeaders.AUTHORIZATION, "Bearer invalid.token.here")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void meWhenKeyRevokedByAnotherServiceWhileItsVerdictIsCachedThen401ThroughTheDenyList() throws Exception {
		String key = newKey();
		stubVerify(key, validBody());
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatusOk();
		assertThat(this.redis.hasKey(this.redisKeys.key(ApiKeys.cacheKey(key)))).as("verdict cached").isTrue();
		LettuceConnectionFactory connection = RedisConnections.start(TestInfrastructure.get().redisUrl());
		RedisRevokedTokens authService = new RedisRevokedTokens(connection, this.redisKeys,
				new RecordingRedisAvailability(), Duration.ofMinutes(10), Clock.systemUTC());
		try {
			authService.start();
			authService.revoke(ApiKeys.cacheKey(key), Instant.now().plus(Duration.ofHours(1)));
			// well inside the 30 s verdict TTL and resync: only the pub/sub announcement
			// can do it
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(20))
				.untilAsserted(() -> assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key))
					.hasStatus(HttpStatus.UNAUTHORIZED));
			assertThat(this.redis.hasKey(this.redisKeys.key(ApiKeys.cacheKey(key))))
				.as("refused by the deny-list, not by an expired verdict")
				.isTrue();
			this.authService.verify(1, getRequestedFor(urlEqualTo(VERIFY)));
		}
		finally {
			authService.destroy();
			connection.destroy();
		}
	}

	@Test
	void meWhenKeyOnTheDenyListThenRefusedWithoutAskingTheAuthService() {
		String key = newKey();
		stubVerify(key, validBody());
		this.revokedTokens.revoke(ApiKeys.cacheKey(key), Instant.now().plus(Duration.ofHours(1)));
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatus(HttpStatus.UNAUTHORIZED);
		this.authService.verify(0, getRequestedFor(urlEqualTo(VERIFY)));
		assertThat(this.redis.hasKey(this.redisKeys.key(ApiKeys.cacheKey(key)))).isFalse();
	}

	@Test
	void meWhenValidKeyThenCounted() {
		String key = newKey();
		stubVerify(key, validBody());
		double valid = count("valid");
		assertThat(this.mvc.get().uri("/api/me").header(ApiKeys.HEADER, key)).hasStatusOk();
		assertThat(count("valid")).isEqualTo(valid + 1);
	}

	private String newKey() {
		return "sk_" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
	}

	private String validBody() {
		return """
				{"user_id": "api-key", "tenant_id": "%s", "email": "api-key@system", "roles": ["api-key"],
				 "permissions": ["agents:execute"], "is_superuser": false}
				""".formatted(this.tenantId);
	}

	private void stubVerify(String key, String body) {
		this.authService.stubFor(get(VERIFY).withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + key))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private double count(String result) {
		return this.meterRegistry.get(TokenVerificationMetrics.METER_NAME)
			.tag("type", "api_key")
			.tag("result", result)
			.counter()
			.count();
	}

}
