package io.temponest.agents.llm;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.temponest.agents.ProviderStubs;
import org.junit.jupiter.api.Test;

/** The gateway on OpenAI's {@code /v1/chat/completions}, JSON and SSE with usage. */
class OpenAiGatewayTests extends ProviderGatewayContract {

	@Override
	LlmProvider provider() {
		return LlmProvider.OPENAI;
	}

	@Override
	String path() {
		return ProviderStubs.OPENAI_CHAT;
	}

	@Override
	void answers(String text, int promptTokens, int completionTokens) {
		this.stubs.openAiAnswer(SERVER, this.model, text, promptTokens, completionTokens);
	}

	@Override
	void streams(List<String> chunks, int promptTokens, int completionTokens) {
		this.stubs.openAiStream(SERVER, this.model, chunks, promptTokens, completionTokens);
	}

	@Override
	Map<String, String> requestShape() {
		return Map.of("$.model", this.model, "$.temperature", "0.3", "$.max_tokens", "321", "$.top_p", "0.9", "$.seed",
				"42", "$.messages[0].role", "system", "$.messages[0].content", this.prompt.system(),
				"$.messages[1].role", "user", "$.messages[1].content", this.prompt.user());
	}

	@Test
	void streamWhenCalledThenAsksForUsageInTheStream() {
		GatewayFixture fixture = fixture(TIMEOUT);
		streams(List.of("ok"), 3, 1);

		fixture.gateway.stream(choice(), this.prompt, (token) -> {
		});

		SERVER.verify(1, sent()
			.withRequestBody(WireMock.matchingJsonPath("$.stream_options.include_usage", WireMock.equalTo("true"))));
	}

}
