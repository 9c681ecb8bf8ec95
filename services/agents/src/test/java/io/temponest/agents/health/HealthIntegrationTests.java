package io.temponest.agents.health;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.TestEnvironment;
import io.temponest.cache.JsonCache;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /health} reports the database, the cache, each LLM provider and the roles'
 * models; a provider the roles run on that does not answer makes the service degraded,
 * not down. The providers' answers are cached, so each case starts from an empty cache.
 */
@AgentsIntegrationTest
class HealthIntegrationTests {

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JsonCache cache;

	@Test
	void healthWhenTheRolesProviderAnswersThenHealthy() {
		StubMapping tags = this.provider.stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/tags"))
			.atPriority(1)
			.willReturn(WireMock.okJson("{\"models\":[]}")));
		try {
			this.cache.evict(HealthController.PROVIDERS_CACHE_KEY);

			JsonNode health = health(200);

			assertThat(health.get("status").asString()).isEqualTo("healthy");
			assertThat(health.get("service").asString()).isEqualTo("agents");
			assertThat(health.get("services").get("database").asString()).isEqualTo("healthy");
			assertThat(health.get("services").get("ollama").asString()).isEqualTo("reachable");
			assertThat(health.get("services").get("developer").asString()).isEqualTo("ready");
			assertThat(health.get("models").get("developer_provider").asString()).isEqualTo("ollama");
			assertThat(health.get("models").get("developer_model").asString()).isEqualTo("qwen2.5:0.5b");
		}
		finally {
			this.provider.removeStub(tags);
			this.cache.evict(HealthController.PROVIDERS_CACHE_KEY);
		}
	}

	@Test
	void healthWhenTheRolesProviderIsDownThenDegradedButUp() {
		StubMapping tags = this.provider.stubFor(
				WireMock.get(WireMock.urlPathEqualTo("/api/tags")).atPriority(1).willReturn(WireMock.serverError()));
		try {
			this.cache.evict(HealthController.PROVIDERS_CACHE_KEY);

			JsonNode health = health(200);

			assertThat(health.get("status").asString()).isEqualTo("degraded");
			assertThat(health.get("services").get("ollama").asString()).isEqualTo("unreachable");
		}
		finally {
			this.provider.removeStub(tags);
			this.cache.evict(HealthController.PROVIDERS_CACHE_KEY);
		}
	}

	private JsonNode health(int status) {
		MvcTestResult result = this.mvc.perform(ApiCaller.anonymous().get("/health"));
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

}
