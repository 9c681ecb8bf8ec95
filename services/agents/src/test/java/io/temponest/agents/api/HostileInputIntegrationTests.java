package io.temponest.agents.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.temponest.agents.AgentsServiceApplication;
import io.temponest.testsupport.ApiCaller;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
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
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agents service's OpenAPI document against the running service (real HTTP on a
 * random port, rate limits lifted, a WireMock Ollama answering every prompt): the
 * document is usable by a client generator, every response of a happy path keeps it, and
 * hostile input to every documented operation never gives a 5xx, a non-problem error, an
 * echo or a slow answer. On the same real server: a multipart upload reaches the
 * ingestion service (WireMock) byte for byte, never parsed here. The webhook dispatcher
 * is off in this context: it would take deliveries of the other context's tests, on
 * another clock and without their allow-list.
 */
@SpringBootTest(classes = AgentsServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.ratelimit.enabled=false", "temponest.llm.timeout=5s",
				"temponest.llm.backoff.initial=10ms", "temponest.llm.backoff.max=50ms",
				"temponest.agents.webhooks.dispatcher-enabled=false",
				"temponest.agents.collaboration.queue-capacity=10000" })
@Import({ PlatformTestInfrastructure.class, TestEnvironment.class })
class HostileInputIntegrationTests {

	private static final String DEVELOPER = UUID.nameUUIDFromBytes("temponest:role:developer".getBytes()).toString();

	private static final String AGENT = """
			{"name":"Reviewer","description":"Reviews diffs","model":"qwen2.5:0.5b","provider":"ollama",
			 "system_prompt":"You review code.","tools":["git"],"metadata":{"team":"core"}}""";

	private static final String PROJECT = """
			{"name":"Console","slug":"console","description":"The console","type":"single"}""";

	private static final String RUN = """
			{"step":"Developer: build","kind":"build","status":"running","cost_usd":0.01,"logs":"started"}""";

	@LocalServerPort
	private int port;

	private URI base;

	private OpenApiDocument document;

	private ApiContract contract;

	private static final String EVENTS = """
			{"events":[{"id":"3f1c9a52-3d55-4a8e-9f4b-2b0c6f1d7e01","type":"schedule.fired",
			 "occurred_at":"2026-12-07T08:00:00Z","service":"scheduler","level":"info","resource_type":"schedule",
			 "resource_id":"nightly","message":"Schedule nightly fired","details":{"attempt":1}}]}""";

	/**
	 * Schemas in the console's own field names (camelCase), which the console reads as
	 * the original served them.
	 */
	private static final List<String> CONSOLE_SCHEMAS = List.of("ObservabilityMetrics", "MetricsSummary",
			"MetricsCharts", "RunStatusCount", "AgentRunCount", "FailedRun", "LogEntry");

	private static final String WEBHOOK = """
			{"name":"CI","url":"https://hooks.example.com/temponest","events":["agent.execution.completed","task.failed"],
			 "headers":{"X-Team":"core"},"retry_config":{"max_retries":2,"retry_delay_seconds":30}}""";

	private static final String SESSION = """
			{"pattern":"sequential","agent_ids":["developer","qa_tester"],"initial_message":"Write a function",
			 "config":{"pass_full_history":true,"max_iterations":10},"context":{"lang":"go"}}""";

	/** A user's token as the scheduler exchanged it (names the acting service). */
	private final String token = TestTokens
		.sign(TestTokens.accessClaims(UUID.randomUUID(), UUID.randomUUID(), TestEnvironment.ALL_PERMISSIONS)
			.claim("act", Map.of("sub", "scheduler"))
			.build());

	@BeforeEach
	void readDocument() {
		// Any model answers (hostile input may rename the agent's model), below every
		// other test's stubs in priority.
		TestEnvironment.providers()
			.stubFor(WireMock.post(WireMock.urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
				.atPriority(100)
				.willReturn(WireMock.okJson("""
						{"model":"qwen2.5:0.5b","created_at":"2026-12-07T00:00:00Z",
						 "message":{"role":"assistant","content":"{\\"implementation\\":\\"done\\"}"},
						 "done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":4}""")));
		this.base = URI.create("http://localhost:" + this.port);
		this.document = OpenApiDocument.fetch(this.base, "agents");
		this.contract = new ApiContract(this.document);
	}

	@Test
	void documentIsUsableByAClientGenerator() {
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE))
			.filteredOn((problem) -> CONSOLE_SCHEMAS.stream()
				.noneMatch((schema) -> problem.startsWith("#/components/schemas/" + schema + ":")
						|| problem.startsWith("#/components/schemas/" + schema + ".")))
			.isEmpty();
	}

	@Test
	void documentNamesTheProviderFailuresOfEveryRun() {
		for (String path : new String[] { "/{role}/run", "/agents/{id}/run", "/agents/{id}/execute" }) {
			JsonNode responses = this.document.tree().get("paths").get(path).get("post").get("responses");
			assertThat(responses.propertyNames()).as(path).contains("200", "402", "502", "503", "504");
			assertThat(responses.get("502")
				.get("content")
				.get("application/problem+json")
				.get("schema")
				.get("$ref")
				.asString()).as(path).endsWith("RunFailureBody");
		}
	}

	@Test
	void happyPathKeepsTheDocument() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/agents", AGENT).json().get("id").asString();
		client.call("GET", "/agents", null);
		client.query("GET", "/agents", "skip=0&limit=3&search=rev", null);
		client.query("GET", "/agents", "page=1&page_size=2", null);
		client.call("GET", "/agents/{id}", null, id);
		client.call("PATCH", "/agents/{id}", "{\"temperature\":0.3}", id);
		String run = client
			.call("POST", "/{role}/run", "{\"task\":\"Write a function\",\"context\":{\"lang\":\"go\"}}", "developer")
			.json()
			.get("task_id")
			.asString();
		client.call("POST", "/{role}/run", "{\"task\":\"Plan\",\"idempotency_key\":\"k1\",\"risk_level\":\"high\"}",
				"overseer");
		client.call("POST", "/agents/{id}/execute", "{\"user_message\":\"hello\"}", id);
		client.call("POST", "/agents/{id}/execute", "{\"user_message\":\"hello\"}", DEVELOPER);
		client.call("POST", "/agents/{id}/run", "{\"task\":\"review\",\"idempotency_key\":\"k2\"}", id);
		client.call("GET", "/executions", null);
		client.query("GET", "/executions", "page=1&page_size=5&status=completed", null);
		client.call("GET", "/executions/{id}", null, run);
		client.call("GET", "/agents/{id}", null, UUID.randomUUID());
		client.call("GET", "/health", null);
		client.call("GET", "/api/metrics", null);
		String collection = UUID.randomUUID().toString();
		stubKnowledge(collection);
		client.call("POST", "/rag/collections", "{\"name\":\"docs\",\"description\":null,\"chunk_size\":800}");
		client.query("GET", "/rag/collections", "skip=0&limit=5", null);
		client.call("GET", "/rag/collections/{id}", null, collection);
		client.call("GET", "/rag/collections/{id}/documents", null, collection);
		client.call("POST", "/rag/collections/{id}/query", "{\"query\":\"deploy\",\"top_k\":2}", collection);
		client.call("GET", "/rag/collections/{id}", null, UUID.randomUUID());
		client.call("DELETE", "/agents/{id}", null, id);
		client.call("POST", "/api/projects", PROJECT);
		client.call("GET", "/api/projects", null);
		client.query("GET", "/api/projects", "page=1&limit=5&status=idle", null);
		client.call("GET", "/api/projects/active-count", null);
		client.call("GET", "/api/projects/{slug}", null, "console");
		client.call("PATCH", "/api/projects/{slug}", "{\"status\":\"build\"}", "console");
		String projectRun = client.call("POST", "/api/projects/{slug}/runs", RUN, "console")
			.json()
			.get("id")
			.asString();
		client.call("PATCH", "/api/projects/{slug}/runs/{id}", "{\"status\":\"success\",\"logs\":\"done\"}", "console",
				projectRun);
		client.call("GET", "/api/projects/{slug}/runs", null, "console");
		client.query("GET", "/api/projects/{slug}/runs", "limit=5&page=1", null, "console");
		client.call("GET", "/api/projects/{slug}/runs/{id}/logs", null, "console", projectRun);
		client.call("GET", "/api/projects/{slug}", null, "missing");
		client.call("POST", "/internal/events", EVENTS);
		client.call("GET", "/api/observability/logs", null);
		client.query("GET", "/api/observability/logs",
				"limit=5&level=info&service=scheduler&search=nightly&from=2026-12-01T00:00:00Z", null);
		client.call("GET", "/api/observability/metrics", null);
		String webhook = client.call("POST", "/webhooks", WEBHOOK).json().get("id").asString();
		client.call("GET", "/webhooks", null);
		client.query("GET", "/webhooks", "page=1&page_size=5&is_active=true", null);
		client.call("GET", "/webhooks/events", null);
		client.call("GET", "/webhooks/{id}", null, webhook);
		client.call("PATCH", "/webhooks/{id}", "{\"custom_headers\":{\"X-Key\":\"v\"},\"max_retries\":4}", webhook);
		client.call("POST", "/webhooks/{id}/regenerate-secret", null, webhook);
		String delivery = client.call("POST", "/webhooks/{id}/test", null, webhook).json().get("id").asString();
		client.call("GET", "/webhooks/{id}/deliveries", null, webhook);
		client.query("GET", "/webhooks/{id}/deliveries", "page=1&page_size=5&status=pending", null, webhook);
		client.call("GET", "/webhooks/deliveries/{id}", null, delivery);
		client.call("POST", "/webhooks/deliveries/{id}/retry", null, delivery);
		client.call("GET", "/webhooks/health/all", null);
		client.call("GET", "/webhooks/{id}/health", null, webhook);
		client.call("GET", "/webhooks/{id}/health", null, UUID.randomUUID());
		client.call("GET", "/webhooks/{id}", null, UUID.randomUUID());
		client.call("DELETE", "/webhooks/{id}", null, webhook);
		String session = client.call("POST", "/collaboration/execute", SESSION).json().get("id").asString();
		client.call("POST", "/collaboration/execute", """
				{"pattern":"hierarchical","coordinator_id":"overseer","worker_ids":["developer"],"task":"Plan",
				 "config":{"delegation_strategy":"capability_based"},"context":{}}""");
		client.call("GET", "/collaboration/sessions/{id}", null, session);
		client.call("GET", "/collaboration/sessions", null);
		client.query("GET", "/collaboration/sessions", "skip=0&limit=5&pattern=sequential&status=running", null);
		client.call("POST", "/collaboration/sessions/{id}/cancel", null, session);
		client.call("GET", "/collaboration/sessions/{id}", null, UUID.randomUUID());
		client.call("GET", "/collaboration/patterns", null);
		client.call("GET", "/collaboration/templates", null);
		client.call("POST", "/collaboration/templates/{id}/execute", "{\"input\":\"a login page\"}",
				"parallel-analysis");
		client.call("GET", "/departments", null);
		client.call("GET", "/departments/structure", null);
		client.call("GET", "/departments/workflows/all", null);
		client.call("GET", "/departments/{id}", null, "marketing");
		client.call("GET", "/departments/{id}/agents", null, "marketing");
		client.call("GET", "/departments/{id}", null, "missing");
		client.call("POST", "/departments/workflows/execute",
				"{\"workflow_path\":\"marketing.content_creation\",\"input\":\"launch\",\"context\":{}}");
		client.call("POST", "/departments/agents/execute",
				"{\"agent_path\":\"marketing.content_writer\",\"task\":\"a tagline\"}");
		HarnessReport report = client.report();
		assertThat(report.failures()).as(report::describe).isEmpty();
	}

	@Test
	void hostileInputNeverBreaksTheRules() {
		ApiClient client = new ApiClient(this.base, this.contract, this::credentials);
		String id = client.call("POST", "/agents", AGENT).json().get("id").asString();
		client.call("POST", "/api/projects", PROJECT);
		String projectRun = client.call("POST", "/api/projects/{slug}/runs", RUN, "console")
			.json()
			.get("id")
			.asString();
		String webhook = client.call("POST", "/webhooks", WEBHOOK).json().get("id").asString();
		String delivery = client.call("POST", "/webhooks/{id}/test", null, webhook).json().get("id").asString();
		String session = client.call("POST", "/collaboration/execute", SESSION).json().get("id").asString();
		HarnessReport report = HostileInputHarness.forService(this.base, this.document)
			.credentials(this::credentials)
			.pathValues((operation, name) -> switch (name) {
				case "id" -> operation.path().startsWith("/collaboration/sessions/") ? session
						: operation.path().startsWith("/collaboration/templates/") ? "security-review"
								: operation.path().startsWith("/departments/") ? "engineering"
										: operation.path().startsWith("/api/projects/") ? projectRun
												: operation.path().startsWith("/webhooks/deliveries/") ? delivery
														: operation.path().startsWith("/webhooks/") ? webhook : id;
				case "role" -> "developer";
				case "slug" -> "console";
				default -> null;
			})
			.validBody("POST", "/agents", AGENT)
			.validBody("PATCH", "/agents/{id}", "{\"name\":\"Renamed\",\"temperature\":0.2}")
			.validBody("POST", "/agents/{id}/execute", "{\"user_message\":\"hello\"}")
			.validBody("POST", "/{role}/run", "{\"task\":\"Write a function\"}")
			.validBody("POST", "/agents/{id}/run", "{\"task\":\"Review\"}")
			.validBody("POST", "/rag/collections", "{\"name\":\"docs\"}")
			.validBody("PATCH", "/rag/collections/{id}", "{\"name\":\"renamed\"}")
			.validBody("POST", "/rag/collections/{id}/query", "{\"query\":\"deploy\"}")
			.validBody("POST", "/api/projects", "{\"name\":\"Board\",\"description\":\"Kanban\"}")
			.validBody("PATCH", "/api/projects/{slug}", "{\"status\":\"qa\"}")
			.validBody("POST", "/api/projects/{slug}/runs", RUN)
			.validBody("PATCH", "/api/projects/{slug}/runs/{id}", "{\"logs\":\"more\",\"cost_usd\":0.5}")
			.validBody("POST", "/internal/events", EVENTS)
			.validBody("POST", "/webhooks", WEBHOOK)
			.validBody("PATCH", "/webhooks/{id}", "{\"name\":\"Renamed\",\"events\":[\"run.failed\"]}")
			.validBody("POST", "/collaboration/execute", SESSION)
			.validBody("POST", "/collaboration/templates/{id}/execute", "{\"input\":\"a login page\"}")
			.validBody("POST", "/departments/workflows/execute",
					"{\"workflow_path\":\"engineering.feature_delivery\",\"input\":\"a login page\"}")
			.validBody("POST", "/departments/agents/execute",
					"{\"agent_path\":\"engineering.backend_engineer\",\"task\":\"Write a function\"}")
			.contract(this.contract)
			.build()
			.run();
		report.keep("agents");
		assertThat(report.requests()).isGreaterThan(300);
		report.assertClean();
	}

	@Test
	void documentUploadWhenSentOverHttpThenStreamedToTheIngestionServiceUnparsed() throws Exception {
		String collection = UUID.randomUUID().toString();
		String metadata = "{'source': 'sdk'}";
		TestEnvironment.knowledge()
			.stubFor(WireMock.post(WireMock.urlEqualTo("/rag/collections/" + collection + "/documents"))
				.willReturn(WireMock.aResponse()
					.withStatus(202)
					.withHeader("Content-Type", "application/json")
					.withBody(
							"""
									{"id":"%s","collection_id":"%s","filename":"a.md","source":"a.md",
									 "content_type":"text/markdown","size_bytes":7,"status":"queued","version":1,"chunk_count":0,
									 "chunks_embedded":0,"error":null,"metadata":{"source":"sdk"},
									 "created_at":"2026-12-07T00:00:00Z","updated_at":"2026-12-07T00:00:00Z","indexed_at":null}"""
								.formatted(UUID.randomUUID(), collection))));
		String body = "--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
				+ "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n# Notes\r\n--b--\r\n";

		HttpResponse<String> response;
		try (HttpClient http = HttpClient.newHttpClient()) {
			response = http
				.send(HttpRequest.newBuilder(this.base.resolve("/rag/collections/" + collection + "/documents/"))
					.header("Authorization", "Bearer " + this.token)
					.header("Content-Type", "multipart/form-data; boundary=b")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
		}

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		TestEnvironment.knowledge()
			.verify(WireMock.postRequestedFor(WireMock.urlEqualTo("/rag/collections/" + collection + "/documents"))
				.withHeader("Content-Type", WireMock.equalTo("multipart/form-data; boundary=b"))
				.withRequestBody(WireMock.equalTo(body)));
	}

	/** The ingestion service knows one collection with one document. */
	private static void stubKnowledge(String collection) {
		String created = """
				{"id":"%s","tenant_id":"%s","name":"docs","description":null,"embedding_model":"nomic-embed-text",
				 "embedder":"hash","dimension":384,"chunk_size":800,"chunk_overlap":100,"metadata":{},
				 "document_count":1,"created_at":"2026-12-07T00:00:00Z","updated_at":"2026-12-07T00:00:00Z"}"""
			.formatted(collection, UUID.randomUUID());
		String document = """
				{"id":"%s","collection_id":"%s","filename":"a.md","source":"a.md","content_type":"text/markdown",
				 "size_bytes":12,"status":"ready","version":1,"chunk_count":1,"chunks_embedded":1,"error":null,
				 "metadata":{},"created_at":"2026-12-07T00:00:00Z","updated_at":"2026-12-07T00:00:00Z",
				 "indexed_at":"2026-12-07T00:00:01Z"}""".formatted(UUID.randomUUID(), collection);
		WireMockServer knowledge = TestEnvironment.knowledge();
		knowledge.stubFor(WireMock.post(WireMock.urlEqualTo("/rag/collections"))
			.withRequestBody(WireMock.equalToJson("{\"name\":\"docs\",\"chunk_size\":800}"))
			.willReturn(WireMock.aResponse()
				.withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(created)));
		knowledge.stubFor(WireMock.get(WireMock.urlEqualTo("/rag/collections?skip=0&limit=5"))
			.willReturn(WireMock.okJson("[" + created + "]")));
		knowledge.stubFor(WireMock.get(WireMock.urlEqualTo("/rag/collections/" + collection))
			.willReturn(WireMock.okJson(created)));
		knowledge.stubFor(WireMock.get(WireMock.urlEqualTo("/rag/collections/" + collection + "/documents"))
			.willReturn(WireMock.okJson("[" + document + "]")));
		knowledge.stubFor(WireMock.post(WireMock.urlEqualTo("/rag/collections/" + collection + "/query"))
			.willReturn(WireMock.okJson("""
					{"chunks":[{"content":"Deploy with compose.","score":0.82,"source":"a.md","version":1,
					 "document_id":"d1","chunk_index":0,"metadata":{}}],"query":"deploy","collection_id":"%s",
					 "total_results":1}""".formatted(collection))));
	}

	private Map<String, String> credentials() {
		return Map.of("Authorization", "Bearer " + this.token);
	}

}
