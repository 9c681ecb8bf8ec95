package io.temponest.agents.llm;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LLM layer in the service: the gateway and probe bound to the test providers, and
 * the call metrics on {@code /actuator/prometheus}.
 */
@AgentsIntegrationTest
class LlmLayerIntegrationTests {

	@Autowired
	private LlmGateway gateway;

	@Autowired
	private ProviderReachability reachability;

	@Autowired
	private TokenCounter tokens;

	@Autowired
	private MockMvcTester mvc;

	private final String marker = "it-" + UUID.randomUUID();

	@Test
	void gatewayWhenEachProviderAnswersThenRepliesAndMetricsAreExported() {
		ProviderStubs stubs = ProviderStubs.onPrompt(this.marker);
		stubs.ollamaAnswer(TestEnvironment.providers(), "mistral:7b-instruct", "from ollama", 11, 2);
		stubs.openAiStream(TestEnvironment.providers(), "gpt-4-turbo-preview", List.of("from ", "openai"), 12, 2);
		stubs.anthropicAnswer(TestEnvironment.providers(), "claude-sonnet-4-20250514", "from anthropic", 13, 2);
		LlmPrompt prompt = new LlmPrompt("system", "hello " + this.marker, 0.2, 64);
		List<String> streamed = new CopyOnWriteArrayList<>();

		assertThat(this.gateway.complete(new ModelChoice(LlmProvider.OLLAMA, "mistral:7b-instruct"), prompt).text())
			.isEqualTo("from ollama");
		assertThat(
				this.gateway.stream(new ModelChoice(LlmProvider.OPENAI, "gpt-4-turbo-preview"), prompt, streamed::add)
					.text())
			.isEqualTo("from openai");
		assertThat(this.gateway.complete(new ModelChoice(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514"), prompt)
			.usage()).isEqualTo(new TokenUsage(13, 2));
		assertThat(streamed).containsExactly("from ", "openai");

		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatusOk()
			.bodyText()
			.contains("temponest_llm_request_duration_seconds_bucket{outcome=\"success\",provider=\"anthropic\"");
	}

	@Test
	void reachabilityWhenProvidersConfiguredByTestEnvironmentThenProbed() {
		assertThat(this.reachability.check(LlmProvider.OPENAI)).isNotEqualTo(Reachability.NOT_CONFIGURED);
		assertThat(this.reachability.check(LlmProvider.ANTHROPIC)).isNotEqualTo(Reachability.NOT_CONFIGURED);
		assertThat(this.tokens.count("Hello, world!")).isPositive();
	}

}
