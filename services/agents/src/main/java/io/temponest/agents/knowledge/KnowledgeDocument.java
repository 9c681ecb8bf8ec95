package io.temponest.agents.knowledge;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A document of a collection as the ingestion service reports it.
 *
 * @param id its id
 * @param collectionId its collection
 * @param filename the uploaded file's name
 * @param source the name citations give it
 * @param contentType the uploaded file's content type
 * @param sizeBytes the uploaded file's size
 * @param status {@code queued}, {@code processing}, {@code ready} or {@code failed}
 * @param version its version among documents of the same source
 * @param chunkCount how many chunks it was split into
 * @param chunksEmbedded how many of them are embedded
 * @param error why indexing failed
 * @param metadata free-form data
 * @param createdAt when it was uploaded
 * @param updatedAt when it last changed
 * @param indexedAt when it became searchable
 */
record KnowledgeDocument(String id, String collectionId, String filename, @Nullable String source,
		@Nullable String contentType, long sizeBytes, String status, @Nullable Integer version,
		@Nullable Integer chunkCount, @Nullable Integer chunksEmbedded, @Nullable String error,
		@Nullable Map<String, Object> metadata, Instant createdAt, @Nullable Instant updatedAt,
		@Nullable Instant indexedAt) {

}
