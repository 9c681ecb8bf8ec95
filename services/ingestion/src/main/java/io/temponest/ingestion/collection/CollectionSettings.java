package io.temponest.ingestion.collection;

import java.util.UUID;

/**
 * What writing to and querying a collection needs.
 *
 * @param id the collection
 * @param tenantId its tenant
 * @param embeddingModel the model the client asked for
 * @param embedder the name of the model that embeds it
 * @param dimension the size of its vectors
 * @param chunkSize the most characters of one chunk
 * @param chunkOverlap characters repeated from the previous chunk
 * @param generation moves on with every change to its documents
 */
public record CollectionSettings(UUID id, UUID tenantId, String embeddingModel, String embedder, int dimension,
		int chunkSize, int chunkOverlap, long generation) {

}
