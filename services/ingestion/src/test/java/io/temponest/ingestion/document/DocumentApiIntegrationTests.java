package io.temponest.ingestion.document;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads as the Python SDK sends them: queued with 202, processed by the workers into
 * chunks a query finds, deduplicated, refused up front when that can be known, and
 * deleted with their chunks.
 */
@IngestionIntegrationTest
class DocumentApiIntegrationTests {

	private static final String RUNBOOK = """
			# Payments runbook

			When the payment gateway returns timeouts, first check the status page of the acquiring bank.
			If the bank reports no incident, fail over to the secondary gateway with the feature flag
			payments.secondary and tell the on-call engineer of the checkout team.
			""";

	@Autowired
	private MockMvcTester mvc;

	@Test
	void uploadWhenMarkdownThenQueuedProcessedAndFound() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"runbooks\"}");

		MvcTestResult upload = api.upload(collection, "payments.md", RUNBOOK.getBytes(StandardCharsets.UTF_8),
				"{'team': 'payments', 'reviewed': True, 'owners': ['ana', 'li'], 'note': None}");

		assertThat(upload).hasStatus(202);
		JsonNode queued = ApiCaller.json(upload);
		assertThat(queued.get("status").asString()).isIn("queued", "processing", "ready");
		assertThat(queued.get("filename").asString()).isEqualTo("payments.md");
		assertThat(queued.get("content_type").asString()).isEqualTo("text/markdown");
		assertThat(queued.get("size_bytes").asLong()).isEqualTo(RUNBOOK.getBytes(StandardCharsets.UTF_8).length);
		assertThat(queued.get("metadata").get("team").asString()).isEqualTo("payments");
		assertThat(queued.get("metadata").get("reviewed").asBoolean()).isTrue();
		assertThat(queued.get("metadata").get("owners").get(1).asString()).isEqualTo("li");
		JsonNode ready = api.awaitReady(queued.get("id").asString());
		assertThat(ready.get("chunk_count").asInt()).isEqualTo(1);
		assertThat(ready.get("chunks_embedded").asInt()).isEqualTo(1);
		assertThat(ready.get("indexed_at").isNull()).isFalse();

		JsonNode answer = api.query(collection, "{\"query\":\"what to do when the payment gateway times out\"}");

		assertThat(answer.get("total_results").asInt()).isEqualTo(1);
		JsonNode chunk = answer.get("chunks").get(0);
		assertThat(chunk.get("content").asString()).contains("secondary gateway");
		assertThat(chunk.get("source").asString()).isEqualTo("payments.md");
		assertThat(chunk.get("version").asInt()).isEqualTo(1);
		assertThat(chunk.get("score").asDouble()).isBetween(0.3, 1.0);
		assertThat(chunk.get("metadata").get("team").asString()).isEqualTo("payments");
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/rag/collections/{id}", collection)))
			.get("document_count")
			.asInt()).isEqualTo(1);
	}

	@Test
	void uploadWhenSameContentAgainThenTheExistingDocument() {
		KnowledgeApi api = new KnowledgeApi(this.mvc, ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS));
		String collection = api.createCollection("{\"name\":\"dedupe\"}");
		String first = api.uploadText(collection, "a.txt", RUNBOOK);

		MvcTestResult again = api.upload(collection, "copy-of-a.txt", RUNBOOK.getBytes(StandardCharsets.UTF_8), null);

		assertThat(again).hasStatus(200);
		assertThat(ApiCaller.json(again).get("id").asString()).isEqualTo(first);
	}

	@Test
	void uploadWhenKnownBadUpFrontThenRefusedAndNothingStored() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"refusals\"}");

		assertProblem(api.upload(collection, "empty.txt", new byte[0], null), 422, "the file is empty");
		assertProblem(api.upload(collection, "image.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 1, 2, 3 }, null),
				415, "unsupported document type");
		assertProblem(api.upload(collection, "legacy.doc", "old word".getBytes(StandardCharsets.UTF_8), null), 415,
				"unsupported document type");
		assertProblem(
				api.upload(collection, "big.txt", "x".repeat(1024 * 1024 + 1).getBytes(StandardCharsets.UTF_8), null),
				413, "larger than the limit");
		assertProblem(api.upload(collection, "meta.txt", RUNBOOK.getBytes(StandardCharsets.UTF_8), "{'unclosed': "),
				422, "metadata must be a JSON object");
		assertProblem(api.upload(UUID.randomUUID().toString(), "a.txt", RUNBOOK.getBytes(StandardCharsets.UTF_8), null),
				404, "not found");

		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/rag/collections/{id}/documents", collection))))
			.isEmpty();
		assertThat(countRows("SELECT count(*) FROM knowledge.document_contents WHERE tenant_id = ?", caller.tenantId()))
			.isZero();
	}

	@Test
	void deleteWhenReadyThenChunksGoneAndQueriesNoLongerFindIt() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"deletions\"}");
		String document = api.uploadText(collection, "payments.md", RUNBOOK);
		api.awaitReady(document);
		String question = "{\"query\":\"payment gateway timeouts\"}";
		assertThat(api.query(collection, question).get("total_results").asInt()).isEqualTo(1);

		assertThat(this.mvc.perform(caller.delete("/rag/documents/{id}", document))).hasStatus(204);

		assertThat(api.query(collection, question).get("total_results").asInt()).isZero();
		assertThat(this.mvc.perform(caller.get("/rag/documents/{id}", document))).hasStatus(404);
		assertThat(this.mvc.perform(caller.delete("/rag/documents/{id}", document))).hasStatus(404);
		assertThat(countRows("SELECT count(*) FROM knowledge.chunks WHERE tenant_id = ?", caller.tenantId())).isZero();
	}

	@Test
	void documentsWhenAnotherTenantAsksThenNotFound() {
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, owner);
		String collection = api.createCollection("{\"name\":\"private\"}");
		String document = api.uploadText(collection, "secret.txt", RUNBOOK);
		api.awaitReady(document);

		assertThat(this.mvc.perform(stranger.get("/rag/documents/{id}", document))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.delete("/rag/documents/{id}", document))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.get("/rag/collections/{id}/documents", collection))).hasStatus(404);
		assertThat(
				this.mvc.perform(stranger.post("{\"query\":\"gateway\"}", "/rag/collections/{id}/query", collection)))
			.hasStatus(404);
		assertThat(new KnowledgeApi(this.mvc, stranger).upload(collection, "x.txt",
				RUNBOOK.getBytes(StandardCharsets.UTF_8), null))
			.hasStatus(404);
		assertThat(this.mvc.perform(owner.get("/rag/documents/{id}", document))).hasStatus(200);
	}

	@Test
	void writesWhenCallerMayOnlyReadThenForbidden() {
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, owner);
		String collection = api.createCollection("{\"name\":\"read-only\"}");
		String document = api.uploadText(collection, "a.txt", RUNBOOK);
		ApiCaller reader = owner.colleague("agents:read");

		assertThat(new KnowledgeApi(this.mvc, reader).upload(collection, "b.txt",
				"another text entirely".getBytes(StandardCharsets.UTF_8), null))
			.hasStatus(403);
		assertThat(this.mvc.perform(reader.delete("/rag/documents/{id}", document))).hasStatus(403);
		assertThat(this.mvc.perform(reader.get("/rag/documents/{id}", document))).hasStatus(200);
		assertThat(this.mvc.perform(ApiCaller.anonymous().get("/rag/documents/{id}", document))).hasStatus(401);
	}

	private static void assertProblem(MvcTestResult result, int status, String detail) {
		assertThat(result).hasStatus(status);
		JsonNode problem = ApiCaller.json(result);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).containsIgnoringCase(detail);
	}

	static long countRows(String sql, UUID tenant) throws Exception {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement statement = admin.prepareStatement(sql)) {
			statement.setObject(1, tenant);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

}
