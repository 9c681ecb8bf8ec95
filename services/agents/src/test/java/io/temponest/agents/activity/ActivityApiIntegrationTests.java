package io.temponest.agents.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import io.temponest.agents.project.ProjectActivity.RunChanged;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TestInfrastructure;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The activity log and the observability API: the event intake (service tokens only,
 * stored once per id, as the token's tenant, user and service), the rows written with
 * project, run and execution changes (and rolled back with them), the log viewer's
 * filters, search and pages, the run metrics and their eviction when a run changes, and
 * tenant isolation and permissions of every route.
 */
@AgentsIntegrationTest
class ActivityApiIntegrationTests {

	private static final List<String> MEMBER = List.of("agents:read", "agents:execute");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	@Test
	void intakeWhenServiceRelaysEventsThenStoredOnceAsTheTokensTenantUserAndService() {
		ApiCaller reader = ApiCaller.newTenant(MEMBER);
		UUID user = UUID.randomUUID();
		ApiCaller scheduler = service(reader.tenantId(), user, "scheduler", List.of("agents:execute"));
		UUID fired = UUID.randomUUID();
		UUID failed = UUID.randomUUID();
		String batch = """
				{"events":[
				 {"id":"%s","type":"schedule.fired","occurred_at":"2026-12-07T08:00:00Z","service":"scheduler",
				  "level":"info","resource_type":"schedule","resource_id":"nightly-report","message":"Schedule nightly fired",
				  "details":{"schedule_id":"s-1","attempt":1}},
				 {"id":"%s","type":"schedule.failed","occurred_at":"2026-12-07T08:01:00Z","service":"auth",
				  "level":"error","agent":"developer","message":"Nightly run failed"}]}"""
			.formatted(fired, failed);

		assertThat(body(this.mvc.perform(scheduler.post(batch, "/internal/events")), 202).get("accepted").asInt())
			.isEqualTo(2);
		assertThat(body(this.mvc.perform(scheduler.post(batch, "/internal/events")), 202).get("accepted").asInt())
			.isEqualTo(2);

		JsonNode page = ok(this.mvc.perform(reader.get("/api/observability/logs")));
		assertThat(page.get("total").asLong()).isEqualTo(2);
		assertThat(page.get("total_capped").asBoolean()).isFalse();
		assertThat(page.get("next_cursor").isNull()).isTrue();
		JsonNode logs = page.get("logs");
		assertThat(logs).hasSize(2);
		JsonNode newest = logs.get(0);
		assertThat(newest.get("id").asString()).isEqualTo(failed.toString());
		assertThat(newest.get("service").asString()).as("the token's acting service, not the body's")
			.isEqualTo("scheduler");
		assertThat(newest.get("level").asString()).isEqualTo("error");
		assertThat(newest.get("agent").asString()).isEqualTo("developer");
		assertThat(newest.get("userId").asString()).isEqualTo(user.toString());
		assertThat(newest.get("timestamp").asString()).isEqualTo("2026-12-07T08:01:00Z");
		JsonNode older = logs.get(1);
		assertThat(older.get("action").asString()).isEqualTo("schedule.fired");
		assertThat(older.get("agent").asString()).isEqualTo("System");
		assertThat(older.get("resource").asString()).isEqualTo("nightly-report");
		assertThat(older.get("resourceType").asString()).isEqualTo("schedule");
		assertThat(older.get("details").get("attempt").asInt()).isEqualTo(1);
		assertThat(ok(this.mvc.perform(ApiCaller.newTenant(MEMBER).get("/api/observability/logs"))).get("logs"))
			.isEmpty();
		assertThat(ok(this.mvc.perform(reader.get("/api/observability/logs?service=scheduler&level=info"))).get("logs"))
			.hasSize(1);
	}

	@Test
	void intakeWhenSameIdRelayedByAnotherTenantThenNotLandingThere() {
		ApiCaller first = ApiCaller.newTenant(MEMBER);
		ApiCaller second = ApiCaller.newTenant(MEMBER);
		String event = event(UUID.randomUUID(), "info", "Key created");
		this.mvc.perform(service(first.tenantId(), UUID.randomUUID(), "auth", MEMBER).post(event, "/internal/events"));
		assertThat(body(
				this.mvc.perform(
						service(second.tenantId(), UUID.randomUUID(), "auth", MEMBER).post(event, "/internal/events")),
				202)
			.get("accepted")
			.asInt()).isEqualTo(1);
		assertThat(ok(this.mvc.perform(first.get("/api/observability/logs"))).get("logs")).hasSize(1);
		assertThat(ok(this.mvc.perform(second.get("/api/observability/logs"))).get("logs")).isEmpty();
	}

	@Test
	void intakeWhenNotAServiceThenRefusedWhateverTheUsersPermissions() {
		ApiCaller user = ApiCaller.newTenant(MEMBER);
		String event = event(UUID.randomUUID(), "info", "hello");
		assertProblem(this.mvc.perform(user.post(event, "/internal/events")), 403);
		assertProblem(this.mvc.perform(ApiCaller.anonymous().post(event, "/internal/events")), 401);
		assertThat(ok(this.mvc.perform(user.get("/api/observability/logs"))).get("logs")).isEmpty();
		ApiCaller viewer = service(user.tenantId(), UUID.randomUUID(), "auth", List.of());
		assertThat(this.mvc.perform(viewer.post(event, "/internal/events")))
			.as("a user without permissions is active too")
			.hasStatus(202);
		assertThat(ok(this.mvc.perform(user.get("/api/observability/logs"))).get("logs")).hasSize(1);
	}

	@Test
	void intakeWhenBodyInvalidThenProblemWithDetail() {
		ApiCaller scheduler = service(UUID.randomUUID(), UUID.randomUUID(), "scheduler", MEMBER);
		StringBuilder tooMany = new StringBuilder("{\"events\":[");
		for (int i = 0; i <= EventBatch.MAX_EVENTS; i++) {
			tooMany.append((i > 0) ? "," : "")
				.append(event(UUID.randomUUID(), "info", "m").replace("{\"events\":[", "").replace("]}", ""));
		}
		List<String> invalid = List.of("{\"events\":[]}", "{}", tooMany.append("]}").toString(),
				event(UUID.randomUUID(), "fatal", "m"), event(UUID.randomUUID(), "info", ""),
				"{\"events\":[{\"type\":\"a.b\",\"occurred_at\":\"2026-12-07T08:00:00Z\",\"level\":\"info\",\"message\":\"m\"}]}",
				"{\"events\":[{\"id\":\"%s\",\"type\":\"Not A Type\",\"occurred_at\":\"2026-12-07T08:00:00Z\",\"level\":\"info\",\"message\":\"m\"}]}"
					.formatted(UUID.randomUUID()),
				"{\"events\":[{\"id\":\"%s\",\"type\":\"a.b\",\"occurred_at\":\"yesterday\",\"level\":\"info\",\"message\":\"m\"}]}"
					.formatted(UUID.randomUUID()),
				"{\"events\":[{\"id\":\"%s\",\"type\":\"a.b\",\"occurred_at\":\"2026-12-07T08:00:00Z\",\"level\":\"info\",\"message\":\"m\",\"details\":[1]}]}"
					.formatted(UUID.randomUUID()),
				"{\"events\":[", "[]");
		for (String body : invalid) {
			MvcTestResult result = this.mvc.perform(scheduler.post(body, "/internal/events"));
			assertThat(result).as(body).hasStatus(422);
			assertThat(ApiCaller.json(result).get("detail").asString()).as(body).isNotBlank();
		}
	}

	@Test
	void projectAndRunChangesWhenWrittenThenLoggedFilterableAndSearchable() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		body(this.mvc.perform(caller.post("{\"name\":\"Shop\",\"slug\":\"shop\"}", "/api/projects")), 201);
		ok(this.mvc.perform(caller.patch("{\"status\":\"build\"}", "/api/projects/shop")));
		String run = body(this.mvc.perform(caller.post("{\"step\":\"QA: smoke tests\"}", "/api/projects/shop/runs")),
				201)
			.get("id")
			.asString();
		ok(this.mvc.perform(caller.patch("{\"status\":\"running\"}", "/api/projects/shop/runs/{id}", run)));
		ok(this.mvc.perform(caller.patch("{\"status\":\"failed\"}", "/api/projects/shop/runs/{id}", run)));
		body(this.mvc.perform(caller.post("{\"name\":\"Blog\",\"slug\":\"blog\"}", "/api/projects")), 201);

		JsonNode all = ok(this.mvc.perform(caller.get("/api/observability/logs")));
		assertThat(actions(all)).containsExactly("project.created", "run.failed", "run.started", "run.created",
				"project.moved", "project.created");
		JsonNode failed = all.get("logs").get(1);
		assertThat(failed.get("level").asString()).isEqualTo("error");
		assertThat(failed.get("agent").asString()).isEqualTo("qa-tester");
		assertThat(failed.get("service").asString()).isEqualTo("agents");
		assertThat(failed.get("resource").asString()).isEqualTo(run);
		assertThat(failed.get("userId").asString()).isEqualTo(caller.userId().toString());
		assertThat(failed.get("details").get("from").asString()).isEqualTo("running");
		assertThat(failed.get("details").get("project").asString()).isEqualTo("shop");
		assertThat(all.get("logs").get(4).get("message").asString()).isEqualTo("Project Shop moved from idle to build");

		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?level=error")))))
			.containsExactly("run.failed");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?agent=qa-tester")))))
			.containsExactly("run.failed", "run.started", "run.created");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?project=shop")))))
			.containsExactly("run.failed", "run.started", "run.created", "project.moved", "project.created");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?search=smoke")))))
			.containsExactly("run.failed", "run.started", "run.created");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?search=\"moved from idle\"")))))
			.containsExactly("project.moved");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?search=smoke -failed")))))
			.containsExactly("run.started", "run.created");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?service=scheduler&search=smoke")))))
			.isEmpty();
		assertThat(ok(this.mvc.perform(ApiCaller.newTenant(MEMBER).get("/api/observability/logs?search=smoke")))
			.get("logs")).isEmpty();
	}

	@Test
	void writeWhenRolledBackThenNoActivityRow() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		UUID tenant = caller.tenantId();
		RunChanged committed = new RunChanged(tenant, null, UUID.randomUUID(), "kept", UUID.randomUUID(), "build",
				"pending", "running");
		RunChanged rolledBack = new RunChanged(tenant, null, UUID.randomUUID(), "lost", UUID.randomUUID(), "build",
				"pending", "running");
		this.transactions.run(tenant, () -> this.events.publishEvent(committed));
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.run(tenant, () -> {
			this.events.publishEvent(rolledBack);
			throw new IllegalStateException("the write failed");
		}));
		JsonNode logs = ok(this.mvc.perform(caller.get("/api/observability/logs"))).get("logs");
		assertThat(logs).hasSize(1);
		assertThat(logs.get(0).get("details").get("project").asString()).isEqualTo("kept");
	}

	@Test
	void executionWhenFinishedThenLoggedInItsTransaction() {
		WireMockServer provider = TestEnvironment.providers();
		String marker = "activity-" + UUID.randomUUID();
		ProviderStubs.onPrompt(marker).ollamaAnswer(provider, "qwen2.5:0.5b", "{\"implementation\":\"x\"}", 5, 7);
		String failing = "activity-" + UUID.randomUUID();
		ProviderStubs.onPrompt(failing).failure(provider, ProviderStubs.OLLAMA_CHAT, 500, null);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		String task = ApiCaller.json(this.mvc.perform(caller.post("""
				{"task":"%s","project_id":"shop"}""".formatted(marker), "/developer/run"))).get("task_id").asString();
		assertThat(this.mvc.perform(caller.post("{\"task\":\"" + failing + "\"}", "/developer/run"))).hasStatus(502);

		JsonNode logs = ok(this.mvc.perform(caller.get("/api/observability/logs?agent=developer"))).get("logs");
		assertThat(logs).hasSize(2);
		assertThat(logs.get(0).get("action").asString()).isEqualTo("execution.failed");
		assertThat(logs.get(0).get("level").asString()).isEqualTo("error");
		JsonNode completed = logs.get(1);
		assertThat(completed.get("action").asString()).isEqualTo("execution.completed");
		assertThat(completed.get("level").asString()).isEqualTo("success");
		assertThat(completed.get("resource").asString()).isEqualTo(task);
		assertThat(completed.get("details").get("total_tokens").asInt()).isEqualTo(12);
		assertThat(completed.get("message").asString()).startsWith("developer completed in ");
		assertThat(actions(ok(this.mvc.perform(caller.get("/api/observability/logs?project=shop")))))
			.containsExactly("execution.completed");
	}

	@Test
	void executionWhenTenantAgentOfLongestNameThenLoggedUnderIt() {
		String marker = "activity-" + UUID.randomUUID();
		ProviderStubs.onPrompt(marker).openAiAnswer(TestEnvironment.providers(), "gpt-4o", "Reviewed.", 10, 5);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String name = "R".repeat(255);
		String id = body(this.mvc.perform(
				caller.post("{\"name\":\"" + name + "\",\"provider\":\"openai\",\"model\":\"gpt-4o\"}", "/agents")),
				201)
			.get("id")
			.asString();

		ok(this.mvc.perform(caller.post("{\"task\":\"" + marker + "\"}", "/agents/{id}/run", id)));

		JsonNode logs = ok(this.mvc.perform(caller.get("/api/observability/logs?agent=" + name))).get("logs");
		assertThat(logs).hasSize(1);
		assertThat(logs.get(0).get("action").asString()).isEqualTo("execution.completed");
	}

	@Test
	void logsWhenPagedThenEveryRowOnceNewestFirst() {
		ApiCaller reader = ApiCaller.newTenant(MEMBER);
		ApiCaller auth = service(reader.tenantId(), UUID.randomUUID(), "auth", MEMBER);
		List<String> ids = new ArrayList<>();
		StringBuilder batch = new StringBuilder("{\"events\":[");
		for (int i = 0; i < 5; i++) {
			UUID id = UUID.randomUUID();
			ids.add(0, id.toString());
			batch.append((i > 0) ? "," : "")
				.append("""
						{"id":"%s","type":"key.created","occurred_at":"2026-12-0%dT10:00:00Z","level":"info","message":"Key %d"}"""
					.formatted(id, i + 1, i));
		}
		body(this.mvc.perform(auth.post(batch.append("]}").toString(), "/internal/events")), 202);

		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String path = "/api/observability/logs?limit=2" + ((cursor != null) ? "&cursor=" + cursor : "");
			JsonNode page = ok(this.mvc.perform(reader.get(path)));
			assertThat(page.get("total").asLong()).isEqualTo(5);
			assertThat(page.get("limit").asInt()).isEqualTo(2);
			page.get("logs").forEach((row) -> seen.add(row.get("id").asString()));
			cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).isEqualTo(ids);
		JsonNode range = ok(this.mvc
			.perform(reader.get("/api/observability/logs?from=2026-12-02T10:00:00Z&to=2026-12-04T10:00:00Z")));
		assertThat(range.get("total").asLong()).isEqualTo(2);
		assertThat(range.get("logs").get(0).get("message").asString()).isEqualTo("Key 2");
		JsonNode empty = ok(this.mvc.perform(ApiCaller.newTenant(MEMBER).get("/api/observability/logs")));
		assertThat(empty.get("logs")).isEmpty();
		assertThat(empty.get("total").asLong()).isZero();
		assertThat(empty.get("next_cursor").isNull()).isTrue();
		JsonNode exact = ok(this.mvc.perform(reader.get("/api/observability/logs?limit=5")));
		assertThat(exact.get("logs")).hasSize(5);
		assertThat(exact.get("next_cursor").isNull()).isTrue();
	}

	@Test
	void logsWhenQueryInvalidOrNotAllowedThenProblems() {
		ApiCaller reader = ApiCaller.newTenant(MEMBER);
		for (String query : List.of("limit=201", "limit=0", "level=fatal", "from=yesterday",
				"from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00Z", "search=" + "x".repeat(501))) {
			assertProblem(this.mvc.perform(reader.get("/api/observability/logs?" + query)), 422);
		}
		assertProblem(this.mvc.perform(reader.get("/api/observability/logs?cursor=bm90LWEtY3Vyc29y")), 400);
		assertProblem(this.mvc.perform(reader.colleague("costs:read").get("/api/observability/logs")), 403);
		assertProblem(this.mvc.perform(ApiCaller.anonymous().get("/api/observability/logs")), 401);
		assertThat(ok(this.mvc.perform(reader.get("/api/observability/logs?limit=200"))).get("limit").asInt())
			.isEqualTo(200);
	}

	@Test
	void metricsWhenRunsChangeThenComputedPerTenantAndRenewedAtOnce() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		String project = body(this.mvc.perform(caller.post("{\"name\":\"Shop\",\"slug\":\"shop\"}", "/api/projects")),
				201)
			.get("id")
			.asString();
		createRun(caller, "{\"step\":\"Developer: build\",\"status\":\"success\"}");
		createRun(caller, "{\"step\":\"QA: smoke\",\"status\":\"failed\",\"logs\":\"" + "e".repeat(300) + "\"}");
		String running = createRun(caller, "{\"step\":\"Developer: api\",\"status\":\"running\"}");
		createRun(caller, "{\"step\":\"deploy\"}");

		JsonNode metrics = ok(this.mvc.perform(caller.get("/api/observability/metrics")));
		JsonNode summary = metrics.get("summary");
		assertThat(summary.get("activeJobs").asLong()).isEqualTo(1);
		assertThat(summary.get("queueDepth").asLong()).isEqualTo(1);
		assertThat(summary.get("runsToday").asLong()).isEqualTo(4);
		assertThat(summary.get("successRate").asDouble()).isEqualTo(50.0);
		assertThat(summary.get("avgDuration").asLong()).isZero();
		assertThat(summary.get("avgDurationFormatted").asString()).isEqualTo("0s");
		JsonNode statuses = metrics.get("charts").get("statusDistribution");
		assertThat(statuses).hasSize(4);
		assertThat(statuses.get(0).get("percentage").asDouble()).isEqualTo(25.0);
		JsonNode agents = metrics.get("charts").get("runsByAgent");
		assertThat(agents.get(0).get("agent").asString()).isEqualTo("developer");
		assertThat(agents.get(0).get("count").asLong()).isEqualTo(2);
		assertThat(agents.get(0).get("successful").asLong()).isEqualTo(1);
		JsonNode error = metrics.get("recentErrors").get(0);
		assertThat(error.get("projectId").asString()).isEqualTo(project);
		assertThat(error.get("projectName").asString()).isEqualTo("Shop");
		assertThat(error.get("step").asString()).isEqualTo("QA: smoke");
		assertThat(Instant.parse(error.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(error.get("preview").asString()).hasSize(200);

		insertRunBehindTheService(caller.tenantId(), UUID.fromString(project));
		assertThat(ok(this.mvc.perform(caller.get("/api/observability/metrics"))).get("summary")
			.get("queueDepth")
			.asLong()).as("cached").isEqualTo(1);
		ok(this.mvc.perform(caller.patch("{\"status\":\"success\"}", "/api/projects/shop/runs/{id}", running)));
		JsonNode renewed = ok(this.mvc.perform(caller.get("/api/observability/metrics"))).get("summary");
		assertThat(renewed.get("activeJobs").asLong()).isZero();
		assertThat(renewed.get("queueDepth").asLong()).isEqualTo(2);
		assertThat(renewed.get("successRate").asDouble()).isEqualTo(66.7);

		JsonNode other = ok(this.mvc.perform(ApiCaller.newTenant(MEMBER).get("/api/observability/metrics")));
		assertThat(other.get("summary").get("runsToday").asLong()).isZero();
		assertThat(other.get("charts").get("statusDistribution")).isEmpty();
		assertThat(other.get("recentErrors")).isEmpty();
		assertProblem(this.mvc.perform(caller.colleague("costs:read").get("/api/observability/metrics")), 403);
		assertProblem(this.mvc.perform(ApiCaller.anonymous().get("/api/observability/metrics")), 401);
	}

	private String createRun(ApiCaller caller, String json) {
		return body(this.mvc.perform(caller.post(json, "/api/projects/shop/runs")), 201).get("id").asString();
	}

	/** A pending run written past the service (no event, so no eviction). */
	private static void insertRunBehindTheService(UUID tenant, UUID project) throws Exception {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement insert = admin.prepareStatement(
						"INSERT INTO agents.project_runs (tenant_id, project_id, step) VALUES (?, ?, 'behind')")) {
			insert.setObject(1, tenant);
			insert.setObject(2, project);
			insert.executeUpdate();
		}
	}

	private static ApiCaller service(UUID tenant, UUID user, String service, List<String> permissions) {
		return ApiCaller.anonymous()
			.bearer(TestTokens
				.sign(TestTokens.accessClaims(user, tenant, permissions).claim("act", Map.of("sub", service)).build()));
	}

	private static String event(UUID id, String level, String message) {
		return """
				{"events":[{"id":"%s","type":"key.created","occurred_at":"2026-12-07T08:00:00Z","level":"%s","message":"%s"}]}"""
			.formatted(id, level, message);
	}

	private static List<String> actions(JsonNode page) {
		List<String> actions = new ArrayList<>();
		page.get("logs").forEach((row) -> actions.add(row.get("action").asString()));
		return actions;
	}

	private static JsonNode ok(MvcTestResult result) {
		return body(result, 200);
	}

	private static JsonNode body(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

	private static void assertProblem(MvcTestResult result, int status) {
		JsonNode problem = body(result, status);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}
