package io.temponest.ingestion.ingest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that dies in the middle of a document (here: one that claims a document,
 * starts it and is never heard of again): nothing of the document is visible, and once
 * its lease has run out a live worker takes the document over and finishes it.
 */
@IngestionIntegrationTest
class CrashedWorkerIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private IngestWorkers workers;

	@Autowired
	private IngestQueue queue;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private IngestProperties properties;

	@Autowired
	private MutableClock clock;

	@AfterEach
	void restartWorkers() {
		this.workers.start();
	}

	@Test
	void workerWhenDeadMidDocumentThenLeaseRunsOutAndAnotherFinishesIt() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"crash\"}");
		this.workers.stop();
		String document = api.uploadText(collection, "crash.txt",
				"The incident commander owns the timeline until the incident is resolved.");
		List<ClaimedJob> claimed = this.queue.claim("dead-worker-" + UUID.randomUUID(), 100)
			.stream()
			.filter((job) -> job.documentId().toString().equals(document))
			.toList();
		assertThat(claimed).hasSize(1);
		this.transactions.write(caller.tenantId(), () -> this.queue.begin(claimed.get(0)));

		this.workers.start();
		JsonNode stranded = api.document(document);
		assertThat(stranded.get("status").asString()).isEqualTo("processing");
		assertThat(api.query(collection, "{\"query\":\"who owns the incident timeline\"}").get("total_results").asInt())
			.isZero();
		this.clock.advance(this.properties.lease().plus(Duration.ofSeconds(1)));

		JsonNode ready = api.awaitReady(document);
		assertThat(ready.get("chunk_count").asInt()).isEqualTo(1);
		assertThat(api.query(collection, "{\"query\":\"who owns the incident timeline\"}").get("total_results").asInt())
			.isEqualTo(1);
	}

}
