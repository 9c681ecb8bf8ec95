package io.temponest.agents.llm;

import java.util.List;
import java.util.Map;

import io.temponest.agents.ProviderStubs;

/** The gateway on Ollama's {@code /api/chat}, JSON and NDJSON streams. */
class OllamaGatewayTests extends ProviderGatewayContract {

	@Override
	LlmProvider provider() {
		return LlmProvider.OLLAMA;
	}

	@Override
	String path() {
		return ProviderStubs.OLLAMA_CHAT;
	}

	@Override
	void answers(String text, int promptTokens, int completionTokens) {
		this.stubs.ollamaAnswer(SERVER, this.model, text, promptTokens, completionTokens);
	}

	@Override
	void streams(List<String> chunks, int promptTokens, int completionTokens) {
		this.stubs.ollamaStream(SERVER, this.model, chunks, promptTokens, completionTokens);
	}

	@Override
	Map<String, String> requestShape() {
		return Map.of("$.model", this.model, "$.options.temperature", "0.3", "$.options.num_predict", "321",
				"$.options.top_p", "0.9", "$.options.seed", "42", "$.messages[0].role", "system",
				"$.messages[0].content", this.prompt.system(), "$.messages[1].role", "user", "$.messages[1].content",
				this.prompt.user());
	}

}
