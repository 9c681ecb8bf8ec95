package io.temponest.ingestion.query;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Queries ({@code temponest.ingestion.query.*}).
 *
 * @param cacheTtl how long a result is cached (a change to the collection's documents
 * retires it at once)
 * @param efSearch the HNSW candidate list size of a query (pgvector's
 * {@code hnsw.ef_search})
 */
@ConfigurationProperties("temponest.ingestion.query")
public record QueryProperties(@DefaultValue("15m") Duration cacheTtl, @DefaultValue("100") int efSearch) {

}
