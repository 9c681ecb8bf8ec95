package io.temponest.ingestion.query;

import java.util.Map;
import java.util.UUID;

/**
 * A chunk a query found.
 *
 * @param content its text
 * @param score its cosine similarity to the query, up to 1
 * @param source its document's source
 * @param version its document's version
 * @param documentId its document
 * @param chunkIndex its position in the document, from 0
 * @param metadata its document's metadata
 */
record RetrievedChunk(String content, double score, String source, int version, UUID documentId, int chunkIndex,
		Map<String, Object> metadata) {

}
