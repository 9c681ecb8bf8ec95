package io.temponest.agents.knowledge;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One excerpt found by a query.
 *
 * @param content the excerpt's text
 * @param score its relevance, 0 to 1
 * @param source the document's source
 * @param version the document's version
 * @param documentId the document
 * @param chunkIndex the excerpt's place in the document
 * @param metadata the document's metadata
 */
record RetrievedChunk(String content, double score, @Nullable String source, @Nullable Integer version,
		@Nullable String documentId, @Nullable Integer chunkIndex, @Nullable Map<String, Object> metadata) {

}
