package io.temponest.ingestion.query;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.ingestion.collection.CollectionSettings;
import io.temponest.ingestion.embedding.Vectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The nearest chunks of a collection to a vector, by cosine distance at half precision,
 * through the HNSW index of the collection's dimension (an expression index on
 * {@code halfvec(n)}); iterative scans keep filtered queries from coming back short.
 */
@Repository
class ChunkSearch {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final QueryProperties properties;

	ChunkSearch(JdbcClient jdbc, JsonMapper json, QueryProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	List<RetrievedChunk> nearest(CollectionSettings collection, float[] vector, int topK,
			@Nullable Map<String, Object> filter) {
		this.jdbc
			.sql("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true), "
					+ "set_config('hnsw.ef_search', :ef, true)")
			.param("ef", Integer.toString(Math.max(this.properties.efSearch(), topK)))
			.query((rs, row) -> 1)
			.list();
		boolean filtered = filter != null && !filter.isEmpty();
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql(collection.dimension(), filtered))
			.param("vector", Vectors.literal(vector))
			.param("collection", collection.id())
			.param("limit", topK);
		if (filtered) {
			statement = statement.param("filter", this.json.writeValueAsString(filter));
		}
		return statement
			.query((rs, row) -> new RetrievedChunk(rs.getString("content"), rs.getDouble("score"),
					rs.getString("source"), rs.getInt("version"), rs.getObject("document_id", UUID.class),
					rs.getInt("position"), this.json.readValue(rs.getString("metadata"), OBJECT)))
			.list();
	}

	/**
	 * The query: its distance expression is the HNSW index's expression for the
	 * dimension, which is a whole number from the collection's row (no client text).
	 * @param dimension the collection's dimension
	 * @param filtered whether chunks are filtered by metadata ({@code :filter})
	 * @return the SQL, with parameters {@code :vector}, {@code :collection} and
	 * {@code :limit}
	 */
	static String sql(int dimension, boolean filtered) {
		String index = "public.halfvec(" + dimension + ")";
		String distance = "c.embedding::" + index + " <=> CAST(:vector AS " + index + ")";
		return "SELECT c.content, c.metadata::text AS metadata, c.position, c.document_id, d.source, d.version, "
				+ "1 - (" + distance + ") AS score FROM knowledge.chunks c "
				+ "JOIN knowledge.documents d ON d.id = c.document_id "
				+ "WHERE c.collection_id = :collection AND c.dimension = " + dimension
				+ (filtered ? " AND c.metadata @> CAST(:filter AS jsonb)" : "") + " ORDER BY " + distance
				+ " LIMIT :limit";
	}

}
