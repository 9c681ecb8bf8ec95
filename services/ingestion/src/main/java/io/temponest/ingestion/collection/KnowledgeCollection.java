package io.temponest.ingestion.collection;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A collection as the API shows it.
 *
 * @param id its id
 * @param tenantId its tenant
 * @param name its name
 * @param description what it holds
 * @param embeddingModel the model the client asked for
 * @param embedder the model that embeds its chunks and queries
 * @param dimension the size of its vectors
 * @param chunkSize the most characters of one chunk
 * @param chunkOverlap characters repeated from the previous chunk
 * @param metadata free-form data
 * @param documentCount how many documents it holds
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record KnowledgeCollection(UUID id, UUID tenantId, String name, @Nullable String description,
		String embeddingModel, String embedder, int dimension, int chunkSize, int chunkOverlap,
		Map<String, Object> metadata, long documentCount, Instant createdAt, Instant updatedAt) {

}
