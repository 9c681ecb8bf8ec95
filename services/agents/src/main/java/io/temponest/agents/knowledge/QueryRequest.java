package io.temponest.agents.knowledge;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /rag/collections/{id}/query}.
 *
 * @param query the text to find excerpts for
 * @param topK the most excerpts, 1 to 50 (default 5)
 * @param filter what the excerpts' metadata must contain
 * @param minScore the least relevance, 0 to 1 (default 0)
 * @param embeddingModel the model the collection must be embedded with, if the caller
 * insists on one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueryRequest(@Nullable String query, @Nullable Integer topK, @Nullable Map<String, Object> filter,
		@Nullable Double minScore, @Nullable String embeddingModel) {

}
