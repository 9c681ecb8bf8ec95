package io.temponest.approval.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.temponest.approval.ApprovalIntegrationTest;
import io.temponest.approval.TestEnvironment;
import io.temponest.testsupport.TestTokens;
import io.temponest.testsupport.api.ApiClient;
import io.temponest.testsupport.api.ApiContract;
import io.temponest.testsupport.api.DocumentRules;
import io.temponest.testsupport.api.HarnessReport;
import io.temponest.testsupport.api.HostileInputHarness;
import io.temponest.testsupport.api.OpenApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval service's OpenAPI document against the running service (real HTTP on the
 * random port): the document is usable by a client generator, every response of a happy
 * path keeps it, and hostile input to every documented operation never gives a 5xx, a
 * non-problem error, an echo or a slow answer.
 */
@ApprovalIntegrationTest
class HostileInputIntegrationTests {

	private static final String REQUEST = """
			{"workflow_id": "wf-hostile", "run_id": "run-1", "task_description": "Ship it", "risk_level": "medium",
			 "context": {"k": [1, 2]}}""";

	@LocalServerPort
	private int port;

	private URI base;

	private OpenApiDocument document;

	private ApiContract contract;

	private final UUID tenant = UUID.randomUUID();

	private final String requester = token();

	private final String approver = token();

	@BeforeEach
	void readDocument() {
		this.base = URI.create("http://localhost:" + this.port);
		this.document = OpenApiDocument.fetch(this.base, "approval");
		this.contract = new ApiContract(this.document);
	}

	@Test
	void documentIsUsableByAClientGenerator() {
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE)).isEmpty();
	}

	@Test
	void happyPathKeepsTheDocument() {
		ApiClient client = new ApiClient(this.base, this.contract, () -> bearer(this.requester));
		ApiClient deciding = client.as(() -> bearer(this.approver));
		String id = client.call("POST", "/api/approvals", REQUEST).json().get("approval_id").asString();
		String other = client.call("POST", "/api/approvals", REQUEST.replace("medium", "high"))
			.json()
			.get("approval_id")
			.asString();
		client.call("POST", "/api/approvals",
				"{\"workflow_id\":\"w\",\"run_id\":\"r\",\"task_description\":\"t\",\"risk_level\":\"low\","
						+ "\"idempotency_key\":\"k-1\",\"required_approvers\":2}");
		client.call("GET", "/api/approvals", null);
		client.query("GET", "/api/approvals", "status=pending&limit=2", null);
		client.query("GET", "/api/approvals", "page=1&page_size=2", null);
		client.call("GET", "/api/approvals/{id}", null, id);
		deciding.call("POST", "/api/approvals/{id}/approve", "{\"reason\":\"fine\"}", id);
		deciding.call("POST", "/api/approvals/{id}/deny", "{\"reason\":\"no\"}", other);
		deciding.call("POST", "/api/approvals/{id}/deny", "{\"reason\":\"again\"}", other);
		client.call("POST", "/api/approvals/{id}/approve", "{}", id);
		client.call("GET", "/api/approvals/{id}", null, UUID.randomUUID());
		client.call("GET", "/health", null);
		HarnessReport report = client.report();
		assertThat(report.failures()).as(report::describe).isEmpty();
	}

	@Test
	void hostileInputNeverBreaksTheRules() {
		ApiClient client = new ApiClient(this.base, this.contract, () -> bearer(this.requester));
		String id = client.call("POST", "/api/approvals", REQUEST).json().get("approval_id").asString();
		HarnessReport report = HostileInputHarness.forService(this.base, this.document)
			.credentials(() -> bearer(this.approver))
			.pathValues((operation, name) -> name.equals("id") ? id : null)
			.validBody("POST", "/api/approvals", REQUEST)
			.validBody("POST", "/api/approvals/{id}/approve", "{\"reason\":\"fine\"}")
			.validBody("POST", "/api/approvals/{id}/deny", "{\"reason\":\"no\"}")
			.contract(this.contract)
			.build()
			.run();
		report.keep("approval");
		assertThat(report.requests()).isGreaterThan(100);
		report.assertClean();
	}

	private String token() {
		return TestTokens
			.sign(TestTokens.accessClaims(UUID.randomUUID(), this.tenant, TestEnvironment.ALL_PERMISSIONS).build());
	}

	private static Map<String, String> bearer(String token) {
		return Map.of("Authorization", "Bearer " + token);
	}

}
