package io.temponest.agents.llm;

import java.util.Locale;
import java.util.Optional;

/** The LLM providers an agent can run on, by the names clients and configuration use. */
public enum LlmProvider {

	/** Ollama's {@code /api/chat}. */
	OLLAMA("ollama"),

	/** Any OpenAI-compatible {@code /v1/chat/completions}. */
	OPENAI("openai"),

	/** Anthropic's {@code /v1/messages} ({@code claude} is accepted as an alias). */
	ANTHROPIC("anthropic");

	private final String id;

	LlmProvider(String id) {
		this.id = id;
	}

	/**
	 * The name in requests, responses and cost rows.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The provider of a name, case-insensitively; {@code claude} means Anthropic.
	 * @param name the name
	 * @return the provider, if known
	 */
	public static Optional<LlmProvider> of(String name) {
		String normalized = name.trim().toLowerCase(Locale.ROOT);
		if (normalized.equals("claude")) {
			return Optional.of(ANTHROPIC);
		}
		for (LlmProvider provider : values()) {
			if (provider.id.equals(normalized)) {
				return Optional.of(provider);
			}
		}
		return Optional.empty();
	}

}
