package io.temponest.agents.knowledge;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /rag/collections}: forwarded as given (null fields left out, so
 * that the ingestion service's defaults apply), checked there.
 *
 * @param name the collection's name
 * @param description what it holds
 * @param embeddingModel the embedding model
 * @param chunkSize characters per chunk
 * @param chunkOverlap characters shared by neighbouring chunks
 * @param metadata free-form data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CollectionRequest(@Nullable String name, @Nullable String description, @Nullable String embeddingModel,
		@Nullable Integer chunkSize, @Nullable Integer chunkOverlap, @Nullable Map<String, Object> metadata) {

}
