package io.temponest.ingestion.collection;

import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /rag/collections/}.
 *
 * @param name its name, unique in the tenant
 * @param description what it holds
 * @param embeddingModel the embedding model asked for; a model this service does not run
 * is replaced by its default model (the collection's {@code embedder} says which)
 * @param chunkSize the most characters of one chunk, 64 to 8192 (default 512)
 * @param chunkOverlap characters repeated from the previous chunk, less than the size
 * (default 50)
 * @param metadata free-form data
 */
record CollectionRequest(@NotBlank @Size(max = 255) @Nullable String name,
		@Size(max = 2000) @Nullable String description, @Size(max = 255) @Nullable String embeddingModel,
		@Min(64) @Max(8192) @Nullable Integer chunkSize, @Min(0) @Max(8191) @Nullable Integer chunkOverlap,
		@Nullable Map<String, Object> metadata) {

}
