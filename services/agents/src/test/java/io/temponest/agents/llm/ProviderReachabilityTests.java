package io.temponest.agents.llm;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider's model list as the reachability probe, with key headers, and
 * {@code not_configured} for a provider without a key. A server of its own, as the model
 * list paths cannot be scoped by prompt.
 */
class ProviderReachabilityTests {

	private static final WireMockServer SERVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@BeforeAll
	static void start() {
		SERVER.start();
	}

	@AfterAll
	static void stop() {
		SERVER.stop();
	}

	private ProviderReachability probe(String baseUrl, String openAiKey, String anthropicKey) {
		LlmProperties defaults = GatewayFixture.properties(baseUrl, Duration.ofSeconds(5));
		return new ProviderReachability(new LlmProperties(defaults.ollama(),
				new LlmProperties.OpenAi(baseUrl + "/v1", openAiKey),
				new LlmProperties.Anthropic(baseUrl + "/v1", anthropicKey), defaults.timeout(), defaults.maxRetries(),
				defaults.backoff(), defaults.maxRetryAfter(), defaults.topP(), defaults.seed()));
	}

	@Test
	void checkWhenProvidersListTheirModelsThenReachable() {
		SERVER.stubFor(WireMock.get("/api/tags").willReturn(WireMock.okJson("""
				{"models":[{"name":"mistral:7b-instruct","model":"mistral:7b-instruct","size":4109865159}]}""")));
		SERVER.stubFor(WireMock.get("/v1/models")
			.withHeader("Authorization", WireMock.equalTo("Bearer sk-reach-openai"))
			.willReturn(WireMock
				.okJson("""
						{"object":"list","data":[{"id":"gpt-4o","object":"model","created":1686935002,"owned_by":"openai"}]}""")));
		SERVER.stubFor(WireMock.get("/v1/models")
			.withHeader("x-api-key", WireMock.equalTo("sk-ant-reach"))
			.withHeader("anthropic-version", WireMock.equalTo("2023-06-01"))
			.willReturn(WireMock.okJson("""
					{"data":[{"type":"model","id":"claude-sonnet-4-20250514","display_name":"Claude Sonnet 4",\
					"created_at":"2025-05-14T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-20250514",\
					"last_id":"claude-sonnet-4-20250514"}""")));

		try (ProviderReachability probe = probe(SERVER.baseUrl(), "sk-reach-openai", "sk-ant-reach")) {
			assertThat(probe.check(LlmProvider.OLLAMA)).isEqualTo(Reachability.REACHABLE);
			assertThat(probe.check(LlmProvider.OPENAI)).isEqualTo(Reachability.REACHABLE);
			assertThat(probe.check(LlmProvider.ANTHROPIC)).isEqualTo(Reachability.REACHABLE);
			assertThat(probe.reachable(LlmProvider.ANTHROPIC)).isTrue();
		}
	}

	@Test
	void checkWhenKeyRejectedThenUnreachable() {
		SERVER.stubFor(WireMock.get("/v1/models")
			.withHeader("Authorization", WireMock.equalTo("Bearer sk-wrong"))
			.willReturn(WireMock.unauthorized()));

		try (ProviderReachability probe = probe(SERVER.baseUrl(), "sk-wrong", "")) {
			assertThat(probe.check(LlmProvider.OPENAI)).isEqualTo(Reachability.UNREACHABLE);
			assertThat(probe.reachable(LlmProvider.OPENAI)).isFalse();
		}
	}

	@Test
	void checkWhenNoApiKeyThenNotConfigured() {
		try (ProviderReachability probe = probe(SERVER.baseUrl(), "", " ")) {
			assertThat(probe.check(LlmProvider.OPENAI)).isEqualTo(Reachability.NOT_CONFIGURED);
			assertThat(probe.check(LlmProvider.ANTHROPIC)).isEqualTo(Reachability.NOT_CONFIGURED);
			assertThat(probe.reachable(LlmProvider.OPENAI)).isFalse();
		}
		assertThat(Reachability.NOT_CONFIGURED.id()).isEqualTo("not_configured");
	}

	@Test
	void checkWhenConnectionRefusedThenUnreachable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (ProviderReachability probe = probe("http://127.0.0.1:" + closedPort, "k", "k")) {
			assertThat(probe.check(LlmProvider.OLLAMA)).isEqualTo(Reachability.UNREACHABLE);
			assertThat(probe.check(LlmProvider.OPENAI)).isEqualTo(Reachability.UNREACHABLE);
		}
	}

	@Test
	void checkWhenSlowerThanTwoSecondsThenUnreachable() {
		SERVER.stubFor(
				WireMock.get("/slow/api/tags").willReturn(WireMock.okJson("{\"models\":[]}").withFixedDelay(4000)));

		try (ProviderReachability probe = probe(SERVER.baseUrl() + "/slow", "", "")) {
			assertThat(probe.check(LlmProvider.OLLAMA)).isEqualTo(Reachability.UNREACHABLE);
		}
	}

}
