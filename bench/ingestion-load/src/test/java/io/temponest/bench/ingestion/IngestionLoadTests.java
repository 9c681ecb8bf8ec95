package io.temponest.bench.ingestion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the load client's arithmetic and parsing: percentiles, the query summary, the
 * options and the {@code /proc/<pid>/status} fields.
 */
class IngestionLoadTests {

	@Test
	void percentileWhenHundredValuesThenNearestRank() {
		double[] values = new double[100];
		for (int i = 0; i < 100; i++) {
			values[i] = i + 1;
		}
		assertThat(IngestionLoad.percentile(values, 50)).isEqualTo(50);
		assertThat(IngestionLoad.percentile(values, 95)).isEqualTo(95);
		assertThat(IngestionLoad.percentile(values, 99)).isEqualTo(99);
		assertThat(IngestionLoad.percentile(values, 0)).isEqualTo(1);
		assertThat(IngestionLoad.percentile(new double[0], 50)).isNaN();
	}

	@Test
	void querySummaryWhenSomeFailOrComeBackEmptyThenOnlyAnsweredWithChunksTimed() {
		List<KnowledgeClient.Query> queries = List.of(new KnowledgeClient.Query(200, 2_000_000, 5, ""),
				new KnowledgeClient.Query(200, 4_000_000, 5, ""), new KnowledgeClient.Query(200, 9_000_000, 0, ""),
				new KnowledgeClient.Query(500, 1_000_000, -1, ""), new KnowledgeClient.Query(0, 1_000_000, -1, "x"));
		String line = IngestionLoad.QuerySummary.of(queries, 1.0, 2).toString();
		assertThat(line).startsWith("QUERIES requests=5 ok=2 non_200=1 empty=1 errors=1 concurrency=2 p50_ms=2.000 "
				+ "p95_ms=4.000 p99_ms=4.000 min_ms=2.000 max_ms=4.000 mean_ms=3.000 qps=2.0 statuses=0:1,200:3,500:1");
	}

	@Test
	void optionsWhenKeyWithoutValueThenRefused() {
		assertThat(IngestionLoad.options(new String[] { "queries", "--tag", "u1", "--queries", "5" }))
			.containsEntry("tag", "u1")
			.containsEntry("queries", "5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> IngestionLoad.options(new String[] { "queries", "--tag" }));
	}

	@Test
	void fieldWhenStatusFileHasItThenKilobytes(@TempDir Path dir) throws Exception {
		Path status = dir.resolve("status");
		Files.writeString(status, "Name:\tjava\nVmHWM:\t  412345 kB\nVmRSS:\t  398765 kB\nThreads:\t42\n");
		assertThat(RssSampler.field(status, "VmRSS")).hasValue(398765);
		assertThat(RssSampler.field(status, "VmHWM")).hasValue(412345);
		assertThat(RssSampler.field(status, "VmSwap")).isEmpty();
		assertThat(RssSampler.field(dir.resolve("missing"), "VmRSS")).isEmpty();
	}

}
