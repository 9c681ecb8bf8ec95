package io.temponest.ingestion.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.temponest.ingestion.IngestionServiceApplication;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.testsupport.PlatformTestInfrastructure;
import io.temponest.testsupport.TestTokens;
import io.temponest.testsupport.api.ApiClient;
import io.temponest.testsupport.api.ApiContract;
import io.temponest.testsupport.api.DocumentRules;
import io.temponest.testsupport.api.HarnessReport;
import io.temponest.testsupport.api.HostileInputHarness;
import io.temponest.testsupport.api.OpenApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingestion service's OpenAPI document against the running service (real HTTP on a
 * random port, rate limits lifted): the document is usable by a client generator, every
 * response of a happy path keeps it, and hostile input to every documented operation
 * never gives a 5xx, a non-problem error, an echo or a slow answer.
 */
@SpringBootTest(classes = IngestionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.ratelimit.enabled=false", "temponest.ingestion.watch.interval=1h" })
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
class HostileInputIntegrationTests {

	private static final String COLLECTION = """
			{"name":"handbook","description":"Team handbook","chunk_size":512,"chunk_overlap":50,
			 "metadata":{"team":"core"}}""";

	@LocalServerPort
	private int port;

	private URI base;

	private OpenApiDocument document;

	private ApiContract contract;

	private final String token = TestTokens
		.sign(TestTokens.accessClaims(UUID.randomUUID(), UUID.randomUUID(), TestEnvironment.ALL_PERMISSIONS).build());

	@BeforeEach
	void readDocument() {
		this.base = URI.create("http://localhost:" + this.port);
		this.document = OpenApiDocument.fetch(this.base, "ingestion");
		this.contract = new ApiContract(this.document);
	}

	@Test
	void documentIsUsableByAClientGenerator() {
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE)).isEmpty();
	}

	@Test
	void happyPathKeepsTheDocument() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/rag/collections", COLLECTION).json().get("id").asString();
		client.call("GET", "/rag/collections", null);
		client.query("GET", "/rag/collections", "skip=0&limit=3&search=hand", null);
		client.query("GET", "/rag/collections", "page=1&page_size=2", null);
		client.call("GET", "/rag/collections/{id}", null, id);
		client.call("PATCH", "/rag/collections/{id}", "{\"description\":\"Renamed\"}", id);
		client.call("GET", "/rag/collections/{id}/documents", null, id);
		client.call("POST", "/rag/collections/{id}/query", "{\"query\":\"holidays\",\"top_k\":3}", id);
		client.call("GET", "/rag/documents/{id}", null, UUID.randomUUID());
		client.call("GET", "/health", null);
		client.call("DELETE", "/rag/collections/{id}", null, id);
		HarnessReport report = client.report();
		assertThat(report.failures()).as(report::describe).isEmpty();
	}

	@Test
	void hostileInputNeverBreaksTheRules() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/rag/collections", COLLECTION).json().get("id").asString();
		HarnessReport report = HostileInputHarness.forService(this.base, this.document)
			.credentials(this::credentials)
			.pathValues((operation, name) -> "id".equals(name) ? id : null)
			.validBody("POST", "/rag/collections", "{\"name\":\"another\"}")
			.validBody("PATCH", "/rag/collections/{id}", "{\"name\":\"renamed\"}")
			.validBody("POST", "/rag/collections/{id}/query", "{\"query\":\"holidays\",\"top_k\":3}")
			.contract(this.contract)
			.build()
			.run();
		report.keep("ingestion");
		assertThat(report.requests()).isGreaterThan(150);
		report.assertClean();
	}

	private Map<String, String> credentials() {
		return Map.of("Authorization", "Bearer " + this.token);
	}

}
