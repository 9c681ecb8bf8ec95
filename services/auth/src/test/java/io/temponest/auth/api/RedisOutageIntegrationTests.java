package io.temponest.auth.api;

import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
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
		Api api = new Api(this.mvc);
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		String token = api.accessToken(user.email(), Fixtures.PASSWORD);
		String key = Api
			.json(api.post("/api-keys", "{\"name\":\"Outage key\",\"scopes\":[\"agents:read\",\"api_keys:manage\"]}",
					token))
			.get("key")
			.asString();

		this.redis.cut();

		JsonNode pair = new Api(this.mvc).login(user.email(), Fixtures.PASSWORD);
		assertThat(api.get("/auth/me", pair.get("access_token").asString())).hasStatus(HttpStatus.OK);
		assertThat(api.get("/auth/me", token)).hasStatus(HttpStatus.OK);
		assertThat(api.get("/api-keys/verify", key)).hasStatus(HttpStatus.OK);
		assertThat(api.get("/api-keys", key)).hasStatus(HttpStatus.OK);

		Api attacker = new Api(this.mvc);
		for (int i = 0; i < 5; i++) {
			assertThat(attacker.post("/auth/login",
					"{\"email\":\"" + user.email() + "\",\"password\":\"Wrong-" + i + "\"}"))
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}
		assertThat(attacker.post("/auth/login", "{\"email\":\"" + user.email() + "\",\"password\":\"Wrong-x\"}"))
			.as("limits hold on in-process buckets")
			.hasStatus(HttpStatus.TOO_MANY_REQUESTS);

		MvcTestResult health = api.get("/actuator/health", null);
		assertThat(health).hasStatus(HttpStatus.OK);
		assertThat(Api.body(health)).contains("\"status\":\"UP\"");
		MvcTestResult legacyHealth = api.get("/health", null);
		assertThat(legacyHealth).hasStatus(HttpStatus.OK);
		assertThat(Api.json(legacyHealth).get("cache").asString()).isEqualTo("disconnected");
	}

}
