package io.temponest.ingestion.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding models: the in-process default always, and each model of Ollama or an
 * OpenAI-compatible endpoint that the configuration names.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

	@Bean
	Embedders embedders(EmbeddingProperties properties) {
		List<Embedder> embedders = new ArrayList<>();
		embedders.add(new Embedder(Embedders.IN_PROCESS_MODEL, InProcessModel.DIMENSION,
				InProcessModel.load(properties.modelFiles())));
		if (properties.ollama().configured(false)) {
			for (Map.Entry<String, Integer> model : properties.ollama().models().entrySet()) {
				embedders.add(new Embedder(model.getKey(), model.getValue(),
						OllamaEmbeddingModel.builder()
							.baseUrl(properties.ollama().baseUrl())
							.modelName(model.getKey())
							.timeout(properties.timeout())
							.maxRetries(0)
							.build()));
			}
		}
		if (properties.openai().configured(true)) {
			for (Map.Entry<String, Integer> model : properties.openai().models().entrySet()) {
				embedders.add(new Embedder(model.getKey(), model.getValue(),
						OpenAiEmbeddingModel.builder()
							.baseUrl(properties.openai().baseUrl())
							.apiKey(properties.openai().apiKey())
							.modelName(model.getKey())
							.timeout(properties.timeout())
							.maxRetries(0)
							.build()));
			}
		}
		return new Embedders(embedders, properties.defaultModel());
	}

}
