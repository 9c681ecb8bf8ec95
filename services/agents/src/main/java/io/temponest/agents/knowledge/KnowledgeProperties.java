package io.temponest.agents.knowledge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the knowledge base lives and how runs retrieve from it
 * ({@code temponest.agents.knowledge.*}).
 *
 * @param baseUrl the ingestion service's base URL
 * @param topK how many excerpts a run retrieves, over all of its agent's collections
 * @param minScore the least relevance of a retrieved excerpt, 0 to 1; also the score an
 * excerpt needs to count for an agent that requires citations
 * @param connectTimeout how long connecting to the ingestion service may take
 * @param readTimeout how long the ingestion service may take to answer
 * @param maxDocumentSize the largest upload forwarded to the ingestion service
 */
@ConfigurationProperties("temponest.agents.knowledge")
public record KnowledgeProperties(@DefaultValue("http://localhost:9004") String baseUrl, @DefaultValue("5") int topK,
		@DefaultValue("0.7") double minScore, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("50MB") DataSize maxDocumentSize) {

}
