package io.temponest.agents.llm;

import java.util.List;
import java.util.Map;

import io.temponest.agents.ProviderStubs;

/** The gateway on Anthropic's {@code /v1/messages}, JSON and SSE events. */
class AnthropicGatewayTests extends ProviderGatewayContract {

	@Override
	LlmProvider provider() {
		return LlmProvider.ANTHROPIC;
	}

	@Override
	String path() {
		return ProviderStubs.ANTHROPIC_MESSAGES;
	}

	@Override
	void answers(String text, int promptTokens, int completionTokens) {
		this.stubs.anthropicAnswer(SERVER, this.model, text, promptTokens, completionTokens);
	}

	@Override
	void streams(List<String> chunks, int promptTokens, int completionTokens) {
		this.stubs.anthropicStream(SERVER, this.model, chunks, promptTokens, completionTokens);
	}

	@Override
	Map<String, String> requestShape() {
		return Map.of("$.model", this.model, "$.temperature", "0.3", "$.max_tokens", "321", "$.system[0].text",
				this.prompt.system(), "$.messages[0].role", "user", "$.messages[0].content[0].text",
				this.prompt.user());
	}

}
