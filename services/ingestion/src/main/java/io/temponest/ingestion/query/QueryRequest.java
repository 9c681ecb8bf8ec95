package io.temponest.ingestion.query;

import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /rag/collections/{id}/query}.
 *
 * @param query the text to find passages for
 * @param topK the most chunks to return, 1 to 50 (default 5)
 * @param filter metadata every returned chunk's metadata must contain
 * @param minScore the least cosine similarity of a returned chunk, 0 to 1 (default: none)
 * @param embeddingModel the model the caller expects the collection to be embedded with;
 * another one is refused
 */
record QueryRequest(@NotBlank @Size(max = 8000) @Nullable String query, @Min(1) @Max(50) @Nullable Integer topK,
		@Nullable Map<String, Object> filter, @DecimalMin("0.0") @DecimalMax("1.0") @Nullable Double minScore,
		@Size(max = 255) @Nullable String embeddingModel) {

	static final int DEFAULT_TOP_K = 5;

}
