package io.temponest.ingestion.embedding;

import java.nio.file.Path;
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
 * @param modelDirectory where the in-process model's files are kept (copied from the
 * application on first start); default {@code temponest-models} in the temporary
 * directory
 * @param ollama models served by Ollama, when its base URL is set
 * @param openai models served by an OpenAI-compatible endpoint, when its API key is set
 */
@ConfigurationProperties("temponest.ingestion.embedding")
public record EmbeddingProperties(@DefaultValue(Embedders.IN_PROCESS_MODEL) String defaultModel,
		@DefaultValue("60s") Duration timeout, @Nullable Path modelDirectory, @DefaultValue Remote ollama,
		@DefaultValue Remote openai) {

	/**
	 * Where the in-process model's files are kept.
	 * @return the directory
	 */
	Path modelFiles() {
		return (this.modelDirectory != null) ? this.modelDirectory
				: Path.of(System.getProperty("java.io.tmpdir"), "temponest-models");
	}

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
