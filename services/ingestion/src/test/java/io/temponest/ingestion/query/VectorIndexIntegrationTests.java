package io.temponest.ingestion.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.embedding.Vectors;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query a collection is searched with can use the HNSW index of its dimension: its
 * distance expression is the index's, with and without a metadata filter (asked of the
 * planner with sequential scans and sorts off, as a table of millions of chunks would
 * make it).
 */
@IngestionIntegrationTest
class VectorIndexIntegrationTests {

	@ParameterizedTest
	@CsvSource({ "384, false", "384, true", "768, false", "1536, true" })
	void queryWhenPlannedThenOrderedByTheIndexOfItsDimension(int dimension, boolean filtered) throws Exception {
		float[] vector = new float[dimension];
		Arrays.fill(vector, 0.01f);
		String sql = ChunkSearch.sql(dimension, filtered)
			.replace(":vector", "'" + Vectors.literal(vector) + "'")
			.replace(":collection", "'" + UUID.randomUUID() + "'")
			.replace(":limit", "5")
			.replace(":filter", "'{\"team\":\"core\"}'");
		StringBuilder plan = new StringBuilder();
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				Statement statement = admin.createStatement()) {
			statement.execute("SET enable_seqscan = off");
			statement.execute("SET enable_sort = off");
			statement.execute("SET enable_bitmapscan = off");
			try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
		}
		assertThat(plan.toString()).contains("Index Scan using chunks_embedding_" + dimension + "_idx");
	}

}
