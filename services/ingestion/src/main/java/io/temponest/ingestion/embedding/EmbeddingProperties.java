package io.temponest.ingestion.embedding;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which embedding models the service can run ({@code temponest.ingestion.embedding.*}).
 *
 * @param defaultModel the model of collections that name none, or a model this service
 * does not run
 * @param timeout the deadline of one call to a remote model
 * @param ollama models served by Ollama, when its base URL is set
 * @param openai models served by an OpenAI-compatible endpoint, when its API key is set
 */
@ConfigurationProperties("temponest.ingestion.embedding")
public record EmbeddingProperties(@DefaultValue(Embedders.IN_PROCESS_MODEL) String defaultModel,
		@DefaultValue("60s") Duration timeout, @DefaultValue Remote ollama, @DefaultValue Remote openai) {

	/**
	 * A remote model server.
	 *
	 * @param baseUrl its base URL; unset: not used
	 * @param apiKey its API key, where it needs one
	 * @param models the model names it serves, with the dimension of their vectors
	 */
	public record Remote(@Nullable String baseUrl, @Nullable String apiKey, @DefaultValue Map<String, Integer> models) {

		boolean configured(boolean needsKey) {
			return this.baseUrl != null && !this.baseUrl.isBlank()
					&& (!needsKey || (this.apiKey != null && !this.apiKey.isBlank()));
		}

	}

}
