package io.temponest.agents.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the LLM providers and of the calls to them ({@code temponest.llm.*}).
 *
 * @param ollama the Ollama server
 * @param openai the OpenAI-compatible endpoint
 * @param anthropic the Anthropic API
 * @param timeout the most one attempt may take, from sending the request to the last byte
 * of the answer (streams included)
 * @param maxRetries how often a call is repeated after a rate limit, a server error or a
 * refused connection
 * @param backoff the delays between attempts when the provider names none
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a provider asking for a
 * longer wait fails the call at once as unavailable
 * @param topP nucleus sampling of every call (Ollama and OpenAI; Anthropic gets the
 * temperature only, as newer Claude models refuse both together)
 * @param seed sampling seed of every call (Ollama and OpenAI; Anthropic has none)
 */
@ConfigurationProperties("temponest.llm")
public record LlmProperties(@DefaultValue Ollama ollama, @DefaultValue OpenAi openai, @DefaultValue Anthropic anthropic,
		@DefaultValue("120s") Duration timeout, @DefaultValue("2") int maxRetries, @DefaultValue Backoff backoff,
		@DefaultValue("30s") Duration maxRetryAfter, @DefaultValue("0.9") double topP, @DefaultValue("42") int seed) {

	/**
	 * Validate the settings.
	 * @param ollama the Ollama server
	 * @param openai the OpenAI-compatible endpoint
	 * @param anthropic the Anthropic API
	 * @param timeout the most one attempt may take, positive
	 * @param maxRetries attempts after the first, not negative
	 * @param backoff the delays between attempts
	 * @param maxRetryAfter the longest {@code Retry-After} honoured, not negative
	 * @param topP nucleus sampling
	 * @param seed sampling seed
	 */
	public LlmProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("temponest.llm.timeout must be positive");
		}
		if (maxRetries < 0) {
			throw new IllegalArgumentException("temponest.llm.max-retries must not be negative");
		}
		if (maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("temponest.llm.max-retry-after must not be negative");
		}
	}

	/**
	 * The Ollama server.
	 *
	 * @param baseUrl its address, without {@code /api}
	 */
	public record Ollama(@DefaultValue("http://localhost:11434") String baseUrl) {

	}

	/**
	 * An OpenAI-compatible endpoint.
	 *
	 * @param baseUrl its address, including {@code /v1}
	 * @param apiKey the key; empty when the provider is not configured
	 */
	public record OpenAi(@DefaultValue("https://api.openai.com/v1") String baseUrl, @DefaultValue("") String apiKey) {

		@Override
		public String toString() {
			return "OpenAi[baseUrl=" + this.baseUrl + ", apiKey=" + (this.apiKey.isEmpty() ? "" : "***") + "]";
		}

	}

	/**
	 * The Anthropic API.
	 *
	 * @param baseUrl its address, including {@code /v1}
	 * @param apiKey the key; empty when the provider is not configured
	 */
	public record Anthropic(@DefaultValue("https://api.anthropic.com/v1") String baseUrl,
			@DefaultValue("") String apiKey) {

		@Override
		public String toString() {
			return "Anthropic[baseUrl=" + this.baseUrl + ", apiKey=" + (this.apiKey.isEmpty() ? "" : "***") + "]";
		}

	}

	/**
	 * Exponential back-off between attempts: the first delay, doubled on each further
	 * attempt up to the cap, each with up to half of it taken off at random.
	 *
	 * @param initial the first delay
	 * @param max the longest delay
	 */
	public record Backoff(@DefaultValue("1s") Duration initial, @DefaultValue("10s") Duration max) {

	}

}
