package io.temponest.agents.llm;

import java.util.List;
import java.util.Map;

import io.temponest.agents.ProviderStubs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void completeWhenNoUsageReportedThenCountedWithCl100k() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.raw(SERVER, path(), "application/json", """
				{"model":"%s","created_at":"2026-01-05T10:15:30Z","message":{"role":"assistant",\
				"content":"Hello, world!"},"done":true,"done_reason":"stop"}""".formatted(this.model));

		LlmReply reply = fixture.gateway.complete(choice(), this.prompt);

		int promptTokens = GatewayFixture.TOKENS.count(this.prompt.system())
				+ GatewayFixture.TOKENS.count(this.prompt.user());
		assertThat(reply.usage()).isEqualTo(new TokenUsage(promptTokens, 4));
	}

}
