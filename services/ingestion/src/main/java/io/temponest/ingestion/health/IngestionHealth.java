package io.temponest.ingestion.health;

import java.util.Collection;
import java.util.Map;

/**
 * Body of {@code GET /health}.
 *
 * @param status {@code healthy}; {@code degraded} when Redis is away (queries are not
 * cached); {@code unhealthy} (503) when the database does not answer
 * @param service always {@code ingestion}
 * @param services the database and the cache
 * @param embeddingModels the embedding models this instance runs
 */
record IngestionHealth(String status, String service, Map<String, String> services,
		Collection<String> embeddingModels) {

}
