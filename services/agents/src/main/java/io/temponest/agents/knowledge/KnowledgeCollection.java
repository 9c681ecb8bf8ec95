package io.temponest.agents.knowledge;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A knowledge collection as the ingestion service reports it.
 *
 * @param id its id
 * @param tenantId its tenant
 * @param name its name
 * @param description what it holds
 * @param embeddingModel the embedding model
 * @param embedder the embedder that computes its vectors
 * @param dimension the vectors' dimension
 * @param chunkSize characters per chunk
 * @param chunkOverlap characters shared by neighbouring chunks
 * @param metadata free-form data
 * @param documentCount how many documents it holds
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
record KnowledgeCollection(String id, String tenantId, String name, @Nullable String description,
		@Nullable String embeddingModel, @Nullable String embedder, @Nullable Integer dimension,
		@Nullable Integer chunkSize, @Nullable Integer chunkOverlap, @Nullable Map<String, Object> metadata,
		@Nullable Integer documentCount, Instant createdAt, Instant updatedAt) {

}
