package io.temponest.auth.api;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.SignIn;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TcpProxy;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis cut away from the running service (through the test TCP proxy; the shared Redis
 * server keeps running): login, token and API-key verification and rate limiting keep
 * answering.
 */
@AuthIntegrationTest
class RedisOutageIntegrationTests {

	private final TcpProxy redis = TestInfrastructure.get().redisProxy();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	@AfterEach
	void restoreRedis() {
		this.redis.restore();
	}

	@Test
	void requestsWhenRedisGoneThenServiceKeepsAnswering() {
		ApiCaller api = ApiCaller.anonymous();
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		String token = SignIn.accessToken(this.mvc, api, user.email(), Fixtures.PASSWORD);
		String key = ApiCaller
			.json(this.mvc.perform(api.bearer(token)
				.post("{\"name\":\"Outage key\",\"scopes\":[\"agents:read\",\"api_keys:manage\"]}", "/api-keys")))
			.get("key")
			.asString();

		this.redis.cut();

		JsonNode pair = SignIn.tokens(this.mvc, ApiCaller.anonymous(), user.email(), Fixtures.PASSWORD);
		assertThat(this.mvc.perform(api.bearer(pair.get("access_token").asString()).get("/auth/me")))
			.hasStatus(HttpStatus.OK);
		assertThat(this.mvc.perform(api.bearer(token).get("/auth/me"))).hasStatus(HttpStatus.OK);
		assertThat(this.mvc.perform(api.bearer(key).get("/api-keys/verify"))).hasStatus(HttpStatus.OK);
		assertThat(this.mvc.perform(api.bearer(key).get("/api-keys"))).hasStatus(HttpStatus.OK);

		ApiCaller attacker = ApiCaller.anonymous();
		for (int i = 0; i < 5; i++) {
			assertThat(this.mvc.perform(attacker
				.post("{\"email\":\"" + user.email() + "\",\"password\":\"Wrong-" + i + "\"}", "/auth/login")))
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}
		assertThat(this.mvc
			.perform(attacker.post("{\"email\":\"" + user.email() + "\",\"password\":\"Wrong-x\"}", "/auth/login")))
			.as("limits hold on in-process buckets")
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);

		MvcTestResult health = this.mvc.perform(api.get("/actuator/health"));
		assertThat(health).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.body(health)).contains("\"status\":\"UP\"");
		MvcTestResult legacyHealth = this.mvc.perform(api.get("/health"));
		assertThat(legacyHealth).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.json(legacyHealth).get("cache").asString()).isEqualTo("disconnected");
	}

}
