package io.temponest.workers.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.temponest.testsupport.TestTokens;
import io.temponest.testsupport.api.ApiClient;
import io.temponest.testsupport.api.ApiContract;
import io.temponest.testsupport.api.DocumentRules;
import io.temponest.testsupport.api.HarnessReport;
import io.temponest.testsupport.api.HostileInputHarness;
import io.temponest.testsupport.api.OpenApiDocument;
import io.temponest.workers.TestEnvironment;
import io.temponest.workers.WorkersIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workers' OpenAPI document against the running service (real HTTP on the context's
 * random port): usable by a client generator, kept by every response of a happy path, and
 * hostile input to every documented operation never gives a 5xx, a non-problem error, an
 * echo or a slow answer.
 */
@WorkersIntegrationTest
class HostileInputIntegrationTests {

	private static final String PIPELINE = """
			{"goal": "Build a todo app", "context": {"repo": "todo"}, "idempotency_key": "harness-key"}""";

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
		this.document = OpenApiDocument.fetch(this.base, "workers");
		this.contract = new ApiContract(this.document);
	}

	@Test
	void documentIsUsableByAClientGenerator() {
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE)).isEmpty();
	}

	@Test
	void happyPathKeepsTheDocument() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/api/workflows/pipelines", PIPELINE).json().get("workflow_id").asString();
		client.call("POST", "/api/workflows/pipelines", PIPELINE);
		client.call("POST", "/api/workflows/pipelines", "{\"goal\": \"Another\"}");
		client.call("GET", "/api/workflows", null);
		client.query("GET", "/api/workflows", "limit=1&status=running", null);
		client.call("GET", "/api/workflows/{id}", null, id);
		client.call("GET", "/api/workflows/{id}", null, "pipeline-" + UUID.randomUUID());
		client.call("POST", "/api/workflows/{id}/cancel", null, id);
		client.call("POST", "/api/workflows/pipelines", "{\"goal\": \"\"}");
		HarnessReport report = client.report();
		assertThat(report.failures()).as(report::describe).isEmpty();
	}

	@Test
	void hostileInputNeverBreaksTheRules() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/api/workflows/pipelines", PIPELINE.replace("harness-key", "hostile"))
			.json()
			.get("workflow_id")
			.asString();
		HarnessReport report = HostileInputHarness.forService(this.base, this.document)
			.credentials(this::credentials)
			.pathValues((operation, name) -> name.equals("id") ? id : null)
			.validBody("POST", "/api/workflows/pipelines", PIPELINE)
			.contract(this.contract)
			.build()
			.run();
		report.keep("workers");
		assertThat(report.requests()).isGreaterThan(50);
		report.assertClean();
	}

	private Map<String, String> credentials() {
		return Map.of("Authorization", "Bearer " + this.token);
	}

}
