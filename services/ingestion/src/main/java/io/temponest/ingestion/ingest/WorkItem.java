package io.temponest.ingestion.ingest;

import java.util.Map;

import io.temponest.ingestion.collection.CollectionSettings;

/**
 * A claimed document version with what processing it needs.
 *
 * @param job the claim
 * @param collection the collection it belongs to
 * @param filename its file name
 * @param contentType its content type
 * @param content its bytes
 * @param metadata its metadata, copied to each chunk
 */
record WorkItem(ClaimedJob job, CollectionSettings collection, String filename, String contentType, byte[] content,
		Map<String, Object> metadata) {

}
