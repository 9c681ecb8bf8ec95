package io.temponest.ingestion.document;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A document as the API shows it.
 *
 * @param id its id
 * @param collectionId its collection
 * @param filename its file name
 * @param source where it comes from: the file name of an upload, the path of a watched
 * file relative to the folder
 * @param contentType its content type
 * @param sizeBytes its size
 * @param status {@code queued}, {@code processing}, {@code ready} or {@code failed}
 * @param version its version, one more with each changed content
 * @param chunkCount its chunks (of the version being processed while processing)
 * @param chunksEmbedded the chunks embedded so far while processing
 * @param error why it failed, for people
 * @param metadata free-form data, copied to each chunk
 * @param createdAt when it was added
 * @param updatedAt when it last changed
 * @param indexedAt when its current chunks were stored
 */
public record KnowledgeDocument(UUID id, UUID collectionId, String filename, String source, String contentType,
		long sizeBytes, String status, int version, int chunkCount, int chunksEmbedded, @Nullable String error,
		Map<String, Object> metadata, Instant createdAt, Instant updatedAt, @Nullable Instant indexedAt) {

}
