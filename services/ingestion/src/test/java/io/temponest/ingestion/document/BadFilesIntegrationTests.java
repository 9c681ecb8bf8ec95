package io.temponest.ingestion.document;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.ingestion.parse.SampleDocuments;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that can only be found bad by reading them: each document ends {@code failed}
 * with a reason people can read, nothing of it is stored, and the workers go on with the
 * good documents queued beside them.
 */
@IngestionIntegrationTest
class BadFilesIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void badFilesWhenProcessedThenFailedWithReasonsAndGoodOnesReady() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"mixed-quality\"}");
		Map<String, byte[]> bad = Map.of("corrupt.pdf",
				"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(StandardCharsets.US_ASCII), "locked.pdf",
				SampleDocuments.passwordProtectedPdf("The vault combination is 12-34-56."), "bomb.docx",
				SampleDocuments.zipBombDocx("Looks harmless.", 200L * 1024 * 1024, "word/media/padding.bin"),
				"binary.txt", new byte[] { 'a', 0, 0, 0, 'b', 0, 1, 2 });
		Map<String, String> reasons = Map.of("corrupt.pdf", "the PDF is", "locked.pdf", "password-protected",
				"bomb.docx", "zip bomb", "binary.txt", "not text");
		Map<String, String> ids = new java.util.HashMap<>();
		for (Map.Entry<String, byte[]> file : bad.entrySet()) {
			MvcTestResult result = api.upload(collection, file.getKey(), file.getValue(), null);
			assertThat(result).as(file.getKey()).hasStatus(202);
			ids.put(file.getKey(), ApiCaller.json(result).get("id").asString());
		}
		String pdf = ApiCaller
			.json(api.upload(collection, "handbook.pdf",
					SampleDocuments.pdf("Page one covers parental leave.", "Page two covers the bike scheme."), null))
			.get("id")
			.asString();
		String docx = ApiCaller
			.json(api.upload(collection, "table.docx", SampleDocuments.docxWithTable(
					List.of("Office locations and their opening hours."), List.of(List.of("Berlin", "8-18"))), null))
			.get("id")
			.asString();

		for (Map.Entry<String, String> id : ids.entrySet()) {
			JsonNode failed = api.awaitDocument(id.getValue(), (d) -> "failed".equals(d.get("status").asString()));
			assertThat(failed.get("error").asString()).as(id.getKey()).containsIgnoringCase(reasons.get(id.getKey()));
			assertThat(failed.get("chunk_count").asInt()).isZero();
		}
		assertThat(api.awaitReady(pdf).get("chunk_count").asInt()).isPositive();
		assertThat(api.awaitReady(docx).get("chunk_count").asInt()).isPositive();
		JsonNode answer = api.query(collection, "{\"query\":\"where are the offices\",\"top_k\":50}");
		assertThat(answer.get("chunks").findValuesAsString("source")).containsOnly("handbook.pdf", "table.docx");
		assertThat(answer.get("chunks").toString()).contains("Berlin").contains("bike scheme");
		assertThat(DocumentApiIntegrationTests
			.countRows("SELECT count(*) FROM knowledge.document_contents WHERE tenant_id = ?", caller.tenantId()))
			.isZero();
	}

}
