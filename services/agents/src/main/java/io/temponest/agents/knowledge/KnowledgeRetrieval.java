package io.temponest.agents.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.agents.role.Citation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Service;

/**
 * Finds the excerpts a run is grounded in: the task is queried in each of the agent's
 * collections (at once, with the caller's credentials), the excerpts are merged by score
 * and the best {@code top-k} kept. Every query is counted in
 * {@code temponest.agents.knowledge.retrieval} by outcome ({@code found}, {@code empty},
 * {@code rejected}, {@code unavailable}, {@code timeout}, {@code error}); a collection
 * that cannot be queried is logged and skipped: retrieval never fails a run.
 */
@Service
public class KnowledgeRetrieval {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeRetrieval.class);

	private static final String UNKNOWN = "unknown";

	private final KnowledgeClient knowledge;

	private final KnowledgeProperties properties;

	private final MeterRegistry registry;

	KnowledgeRetrieval(KnowledgeClient knowledge, KnowledgeProperties properties, MeterRegistry registry) {
		this.knowledge = knowledge;
		this.properties = properties;
		this.registry = registry;
	}

	/**
	 * The least relevance of an excerpt that counts as grounding.
	 * @return {@code temponest.agents.knowledge.min-score}
	 */
	public double minScore() {
		return this.properties.minScore();
	}

	/**
	 * The best excerpts for a task in some collections.
	 * @param caller the caller, whose credentials the collections are read with
	 * @param collectionIds the collections
	 * @param task the task, used as the query
	 * @return at most {@code top-k} excerpts, best first; empty when none was found or
	 * none of the collections could be queried
	 */
	public List<Citation> retrieve(ForwardedCredentials caller, List<String> collectionIds, String task) {
		List<String> ids = List.copyOf(new LinkedHashSet<>(collectionIds));
		if (ids.isEmpty()) {
			return List.of();
		}
		QueryRequest query = new QueryRequest(task, this.properties.topK(), null, this.properties.minScore(), null);
		List<RetrievedChunk> found = new ArrayList<>();
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		try (ExecutorService queries = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<List<RetrievedChunk>>> answers = new ArrayList<>();
			for (String id : ids) {
				answers.add(queries.submit(() -> {
					if (logContext != null) {
						MDC.setContextMap(logContext);
					}
					return queryOne(caller, id, query);
				}));
			}
			for (Future<List<RetrievedChunk>> answer : answers) {
				found.addAll(answer.get());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
		catch (ExecutionException ex) {
			log.warn("Knowledge retrieval failed", ex.getCause());
			return List.of();
		}
		return found.stream()
			.sorted(Comparator.comparingDouble(RetrievedChunk::score).reversed())
			.limit(this.properties.topK())
			.map(KnowledgeRetrieval::citation)
			.toList();
	}

	private List<RetrievedChunk> queryOne(ForwardedCredentials caller, String collectionId, QueryRequest query) {
		try {
			List<RetrievedChunk> chunks = this.knowledge.query(caller, collectionId, query).chunks();
			boolean none = chunks == null || chunks.isEmpty();
			count(none ? "empty" : "found");
			return none ? List.of() : chunks;
		}
		catch (KnowledgeRejectedException ex) {
			log.warn("The knowledge base refused a query of collection {} with {}", collectionId, ex.status());
			count("rejected");
		}
		catch (KnowledgeUnavailableException ex) {
			log.warn("The knowledge base could not be queried for collection {}: {}", collectionId, ex.getMessage());
			count((ex.getStatusCode().value() == 504) ? "timeout" : "unavailable");
		}
		catch (RuntimeException ex) {
			log.warn("Knowledge retrieval failed for collection {}", collectionId, ex);
			count("error");
		}
		return List.of();
	}

	private void count(String outcome) {
		Counter.builder("temponest.agents.knowledge.retrieval")
			.description("Queries of a collection made for a run, by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	private static Citation citation(RetrievedChunk chunk) {
		String source = (chunk.source() != null && !chunk.source().isBlank()) ? chunk.source() : UNKNOWN;
		String version = (chunk.version() != null) ? String.valueOf(chunk.version()) : UNKNOWN;
		return new Citation(source, version, chunk.score(), (chunk.content() != null) ? chunk.content() : "");
	}

}
