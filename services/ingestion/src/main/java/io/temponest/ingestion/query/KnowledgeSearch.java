package io.temponest.ingestion.query;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temponest.cache.JsonCache;
import io.temponest.ingestion.collection.CollectionGenerations;
import io.temponest.ingestion.collection.CollectionSettings;
import io.temponest.ingestion.collection.Collections;
import io.temponest.ingestion.embedding.Embedder;
import io.temponest.ingestion.embedding.EmbeddingFailedException;
import io.temponest.ingestion.embedding.Embedders;
import io.temponest.security.Sha256;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Answers a query: the cached answer of the collection's generation as the caller's
 * tenant last read it (Redis only, no database round trip), else the collection's
 * settings (row-level security decides whether the caller sees it), the cached answer of
 * its current generation, else the query embedded by the collection's model and its
 * nearest chunks, cached.
 */
@Service
class KnowledgeSearch {

	private final Collections collections;

	private final CollectionGenerations generations;

	private final Embedders embedders;

	private final ChunkSearch chunks;

	private final JsonCache cache;

	private final JsonMapper json;

	private final QueryProperties properties;

	private final Timer hits;

	private final Timer misses;

	KnowledgeSearch(Collections collections, CollectionGenerations generations, Embedders embedders, ChunkSearch chunks,
			JsonCache cache, JsonMapper json, QueryProperties properties, MeterRegistry registry) {
		this.collections = collections;
		this.generations = generations;
		this.embedders = embedders;
		this.chunks = chunks;
		this.cache = cache;
		this.json = json;
		this.properties = properties;
		this.hits = timer(registry, "hit");
		this.misses = timer(registry, "miss");
	}

	QueryResult search(UUID tenantId, UUID collectionId, QueryRequest request) {
		long started = System.nanoTime();
		String query = request.query().strip();
		int topK = (request.topK() != null) ? request.topK() : QueryRequest.DEFAULT_TOP_K;
		double minScore = (request.minScore() != null) ? request.minScore() : -1.0;
		Map<String, Object> filter = (request.filter() != null) ? new TreeMap<>(request.filter()) : Map.of();
		String question = Sha256
			.hex(topK + "\n" + minScore + "\n" + this.json.writeValueAsString(filter) + "\n" + query);
		boolean modelNamed = request.embeddingModel() != null && !request.embeddingModel().isBlank();
		Optional<Long> generation = modelNamed ? Optional.empty() : this.generations.remembered(tenantId, collectionId);
		if (generation.isPresent()) {
			Optional<QueryResult> cached = this.cache.get(key(tenantId, collectionId, generation.get(), question),
					QueryResult.class);
			if (cached.isPresent()) {
				return hit(cached.get(), started);
			}
		}
		CollectionSettings collection = this.collections.settings(collectionId);
		this.generations.remember(collection);
		if (modelNamed) {
			String requested = request.embeddingModel().strip();
			if (!requested.equals(collection.embedder()) && !requested.equals(collection.embeddingModel())) {
				throw new EmbeddingModelMismatchException(collection.embedder(), collection.dimension());
			}
		}
		String key = key(tenantId, collectionId, collection.generation(), question);
		if (generation.isEmpty() || generation.get() != collection.generation()) {
			Optional<QueryResult> cached = this.cache.get(key, QueryResult.class);
			if (cached.isPresent()) {
				return hit(cached.get(), started);
			}
		}
		Embedder embedder = this.embedders.find(collection.embedder())
			.orElseThrow(() -> new KnowledgeUnavailableException("the collection is embedded with "
					+ collection.embedder() + ", which this service is not configured to run"));
		float[] vector;
		try {
			vector = embedder.embed(query);
		}
		catch (EmbeddingFailedException ex) {
			throw new KnowledgeUnavailableException("the query could not be embedded: " + ex.getMessage());
		}
		List<RetrievedChunk> found = this.chunks.nearest(collection, vector, topK, filter)
			.stream()
			.filter((chunk) -> chunk.score() >= minScore)
			.sorted(Comparator.comparingDouble(RetrievedChunk::score).reversed())
			.toList();
		QueryResult result = new QueryResult(found, query, collection.id(), found.size());
		this.cache.put(key, result, this.properties.cacheTtl());
		this.misses.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return result;
	}

	private QueryResult hit(QueryResult result, long started) {
		this.hits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		return result;
	}

	/**
	 * The key of a cached answer: the tenant (only a tenant that could read the
	 * collection ever stores one), the collection and its generation (a change to its
	 * documents moves to new keys), and a hash of the question.
	 */
	private static String key(UUID tenantId, UUID collectionId, long generation, String question) {
		return "rag:" + tenantId + ":" + collectionId + ":" + generation + ":" + question;
	}

	private static Timer timer(MeterRegistry registry, String cache) {
		return Timer.builder("temponest.knowledge.query.duration")
			.description("Time to answer a knowledge query, by whether the result was cached")
			.tag("cache", cache)
			.publishPercentileHistogram()
			.register(registry);
	}

}
