package io.temponest.agents.project;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's projects and runs API: every route's answers and problems, tenant
 * isolation, permissions, keyset and offset paging (also while runs are added), the run
 * counters under concurrent completions, and the plan of the keyset page.
 */
@AgentsIntegrationTest
class ProjectApiIntegrationTests {

	private static final List<String> MEMBER = List.of("agents:read", "agents:execute");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void createWhenValidThenIdleProjectReadableBySlug() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		JsonNode created = body(this.mvc.perform(caller.post("""
				{"name":"Sample SaaS","description":"A demo"}""", "/api/projects")), 201);
		assertThat(created.get("slug").asString()).isEqualTo("sample-saas");
		assertThat(created.get("status").asString()).isEqualTo("idle");
		assertThat(created.get("type").asString()).isEqualTo("single");
		assertThat(created.get("runs_total").asLong()).isZero();
		JsonNode read = ok(this.mvc.perform(caller.get("/api/projects/sample-saas/")));
		assertThat(read.get("id").asString()).isEqualTo(created.get("id").asString());
		assertThat(read.get("description").asString()).isEqualTo("A demo");
		JsonNode given = body(this.mvc.perform(caller.post("""
				{"name":"Über Tool","slug":"tool-2","type":"portfolio","repo_url":"https://github.com/example/tool"}""",
				"/api/projects/")), 201);
		assertThat(given.get("slug").asString()).isEqualTo("tool-2");
		assertThat(given.get("repo_url").asString()).isEqualTo("https://github.com/example/tool");
		assertThat(read.get("repo_url").isNull()).isTrue();
		assertThat(given.get("type").asString()).isEqualTo("portfolio");
		assertThat(body(this.mvc.perform(caller.post("{\"name\":\"Über Tool\"}", "/api/projects")), 201).get("slug")
			.asString()).isEqualTo("uber-tool");
	}

	@Test
	void createWhenSlugTakenOrInvalidThenProblems() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "taken");
		assertProblem(this.mvc.perform(caller.post("{\"name\":\"Taken\"}", "/api/projects")), 409);
		assertProblem(this.mvc.perform(caller.post("{\"name\":\"x\",\"slug\":\"Bad Slug\"}", "/api/projects")), 422);
		assertProblem(this.mvc.perform(caller.post("{\"name\":\"x\",\"slug\":\"active-count\"}", "/api/projects")),
				422);
		assertProblem(this.mvc.perform(caller.post("{\"name\":\"!!!\"}", "/api/projects")), 422);
		assertProblem(this.mvc.perform(caller.post("{\"name\":\" \"}", "/api/projects")), 422);
		assertProblem(this.mvc.perform(caller.post("{\"name\":\"x\",\"type\":\"team\"}", "/api/projects")), 422);
		assertProblem(this.mvc.perform(caller.post("{\"name\":\"x\",\"repo_url\":\"ftp://x\"}", "/api/projects")), 422);
		ApiCaller other = ApiCaller.newTenant(MEMBER);
		assertThat(create(other, "taken").get("slug").asString()).isEqualTo("taken");
	}

	@Test
	void listWhenProjectsMovedThenLastUpdatedFirstFilteredAndPaged() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "alpha");
		create(caller, "beta");
		create(caller, "gamma");
		JsonNode moved = ok(this.mvc.perform(caller.patch("{\"status\":\"build\"}", "/api/projects/alpha/")));
		assertThat(moved.get("status").asString()).isEqualTo("build");
		JsonNode all = ok(this.mvc.perform(caller.get("/api/projects")));
		assertThat(slugs(all.get("projects"))).containsExactly("alpha", "gamma", "beta");
		assertThat(all.get("total").asLong()).isEqualTo(3);
		assertThat(all.get("limit").asInt()).isEqualTo(20);
		JsonNode second = ok(this.mvc.perform(caller.get("/api/projects/?page=2&limit=2")));
		assertThat(slugs(second.get("projects"))).containsExactly("beta");
		assertThat(second.get("total").asLong()).isEqualTo(3);
		JsonNode beyond = ok(this.mvc.perform(caller.get("/api/projects?page=3&limit=2")));
		assertThat(beyond.get("projects")).isEmpty();
		assertThat(beyond.get("total").asLong()).isEqualTo(3);
		assertThat(slugs(ok(this.mvc.perform(caller.get("/api/projects?status=build"))).get("projects")))
			.containsExactly("alpha");
		assertThat(ok(this.mvc.perform(caller.get("/api/projects?status=live"))).get("projects")).isEmpty();
		assertThat(slugs(ok(this.mvc.perform(caller.get("/api/projects?sort=created_at"))).get("projects")))
			.containsExactly("gamma", "beta", "alpha");
		assertThat(slugs(ok(this.mvc.perform(caller.get("/api/projects?sort=name&limit=2"))).get("projects")))
			.containsExactly("alpha", "beta");
		JsonNode counts = ok(this.mvc.perform(caller.get("/api/projects/active-count/")));
		assertThat(counts.get("total").asLong()).isEqualTo(3);
		assertThat(counts.get("active").asLong()).isEqualTo(1);
	}

	@Test
	void listWhenFiltersInvalidThenUnprocessable() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		assertProblem(this.mvc.perform(caller.get("/api/projects?limit=101")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects?limit=0")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects?page=0")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects?status=archived")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects?sort=slug")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects?sort=name;DROP TABLE agents.projects")), 422);
		assertThat(this.mvc.perform(caller.get("/api/projects?page=x"))).hasStatus4xxClientError();
		JsonNode empty = ok(this.mvc.perform(caller.get("/api/projects")));
		assertThat(empty.get("projects")).isEmpty();
		assertThat(empty.get("total").asLong()).isZero();
		JsonNode counts = ok(this.mvc.perform(caller.get("/api/projects/active-count")));
		assertThat(counts.get("total").asLong()).isZero();
	}

	@Test
	void moveWhenStatusUnknownOrProjectMissingThenProblems() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "board");
		assertProblem(this.mvc.perform(caller.patch("{\"status\":\"done\"}", "/api/projects/board")), 422);
		assertProblem(this.mvc.perform(caller.patch("{}", "/api/projects/board")), 422);
		assertProblem(this.mvc.perform(caller.patch("{\"status\":\"qa\"}", "/api/projects/missing")), 404);
		assertProblem(this.mvc.perform(caller.get("/api/projects/missing")), 404);
		assertThat(ok(this.mvc.perform(caller.get("/api/projects/board"))).get("status").asString()).isEqualTo("idle");
	}

	@Test
	void everyRouteWhenAnotherTenantThenNotFound() {
		ApiCaller owner = ApiCaller.newTenant(MEMBER);
		create(owner, "private");
		String run = createRun(owner, "private", "{\"step\":\"build\",\"logs\":\"secret\"}").get("id").asString();
		ApiCaller other = ApiCaller.newTenant(MEMBER);
		assertProblem(this.mvc.perform(other.get("/api/projects/private")), 404);
		assertProblem(this.mvc.perform(other.patch("{\"status\":\"qa\"}", "/api/projects/private")), 404);
		assertProblem(this.mvc.perform(other.get("/api/projects/private/runs")), 404);
		assertProblem(this.mvc.perform(other.post("{\"step\":\"x\"}", "/api/projects/private/runs")), 404);
		assertProblem(this.mvc.perform(other.patch("{\"status\":\"failed\"}", "/api/projects/private/runs/{id}", run)),
				404);
		assertProblem(this.mvc.perform(other.get("/api/projects/private/runs/{id}/logs", run)), 404);
		assertThat(ok(this.mvc.perform(other.get("/api/projects"))).get("projects")).isEmpty();
		assertThat(ok(this.mvc.perform(other.get("/api/projects/active-count"))).get("total").asLong()).isZero();
		create(other, "mine");
		assertProblem(this.mvc.perform(other.get("/api/projects/mine/runs/{id}/logs", run)), 404);
		assertProblem(this.mvc.perform(other.patch("{\"status\":\"failed\"}", "/api/projects/mine/runs/{id}", run)),
				404);
		JsonNode project = ok(this.mvc.perform(owner.get("/api/projects/private")));
		assertThat(project.get("status").asString()).isEqualTo("idle");
		assertThat(project.get("runs_total").asLong()).isEqualTo(1);
		assertThat(
				ok(this.mvc.perform(owner.get("/api/projects/private/runs/{id}/logs", run))).get("status").asString())
			.isEqualTo("pending");
	}

	@Test
	void routesWhenUnauthenticatedOrWithoutPermissionThenRefused() {
		ApiCaller owner = ApiCaller.newTenant(MEMBER);
		create(owner, "guarded");
		String run = createRun(owner, "guarded", "{\"step\":\"build\"}").get("id").asString();
		assertThat(this.mvc.get().uri("/api/projects").exchange()).hasStatus(401);
		ApiCaller reader = owner.colleague("agents:read");
		assertProblem(this.mvc.perform(reader.post("{\"name\":\"New\"}", "/api/projects")), 403);
		assertProblem(this.mvc.perform(reader.patch("{\"status\":\"qa\"}", "/api/projects/guarded")), 403);
		assertProblem(this.mvc.perform(reader.post("{\"step\":\"x\"}", "/api/projects/guarded/runs")), 403);
		assertProblem(this.mvc.perform(reader.patch("{\"status\":\"failed\"}", "/api/projects/guarded/runs/{id}", run)),
				403);
		assertThat(this.mvc.perform(reader.get("/api/projects/guarded/runs"))).hasStatus(200);
		ApiCaller stranger = owner.colleague("costs:read");
		for (String path : List.of("/api/projects", "/api/projects/active-count", "/api/projects/guarded",
				"/api/projects/guarded/runs", "/api/projects/guarded/runs/" + run + "/logs")) {
			assertThat(this.mvc.perform(stranger.get(path))).as(path).hasStatus(403);
		}
		assertThat(ok(this.mvc.perform(owner.get("/api/projects/guarded"))).get("runs_total").asLong()).isEqualTo(1);
	}

	@Test
	void runsWhenPagedByCursorThenNewestFirstWithoutLogsUntilTheLastPage() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "paged");
		JsonNode empty = ok(this.mvc.perform(caller.get("/api/projects/paged/runs")));
		assertThat(empty.get("runs")).isEmpty();
		assertThat(empty.get("next_cursor").isNull()).isTrue();
		assertThat(empty.get("total").asLong()).isZero();
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			created.add(0,
					createRun(caller, "paged", "{\"step\":\"step " + i + "\",\"logs\":\"log " + i + "\"}").get("id")
						.asString());
		}
		JsonNode first = ok(this.mvc.perform(caller.get("/api/projects/paged/runs/")));
		assertThat(first.get("limit").asInt()).isEqualTo(20);
		assertThat(first.get("total").asLong()).isEqualTo(45);
		assertThat(first.get("runs").get(0).has("logs")).isFalse();
		assertThat(first.get("runs").get(0).get("approvals")).isEmpty();
		JsonNode second = ok(this.mvc
			.perform(caller.get("/api/projects/paged/runs?cursor={c}", first.get("next_cursor").asString())));
		JsonNode last = ok(this.mvc
			.perform(caller.get("/api/projects/paged/runs?cursor={c}", second.get("next_cursor").asString())));
		assertThat(last.get("runs")).hasSize(5);
		assertThat(last.get("next_cursor").isNull()).isTrue();
		List<String> seen = new ArrayList<>(ids(first));
		seen.addAll(ids(second));
		seen.addAll(ids(last));
		assertThat(seen).containsExactlyElementsOf(created);
		JsonNode exact = ok(this.mvc.perform(caller.get("/api/projects/paged/runs?limit=45")));
		assertThat(exact.get("runs")).hasSize(45);
		assertThat(exact.get("next_cursor").isNull()).isTrue();
		JsonNode byOffset = ok(this.mvc.perform(caller.get("/api/projects/paged/runs?page=3&limit=20")));
		assertThat(ids(byOffset)).containsExactlyElementsOf(created.subList(40, 45));
		assertThat(byOffset.get("page").asInt()).isEqualTo(3);
		assertThat(byOffset.get("next_cursor").isNull()).isTrue();
		JsonNode logs = ok(this.mvc.perform(caller.get("/api/projects/paged/runs/{id}/logs", created.get(44))));
		assertThat(logs.get("logs").asString()).isEqualTo("log 0");
		assertThat(logs.get("run_id").asString()).isEqualTo(created.get(44));
	}

	@Test
	void runsWhenNewerRunsArriveBetweenPagesThenOlderSetNeitherDuplicatedNorSkipped() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "busy");
		Set<String> older = new HashSet<>();
		for (int i = 0; i < 25; i++) {
			older.add(createRun(caller, "busy", "{\"step\":\"old\"}").get("id").asString());
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = ok((cursor == null) ? this.mvc.perform(caller.get("/api/projects/busy/runs?limit=7"))
					: this.mvc.perform(caller.get("/api/projects/busy/runs?limit=7&cursor={c}", cursor)));
			seen.addAll(ids(page));
			for (int i = 0; i < 3; i++) {
				createRun(caller, "busy", "{\"step\":\"new\"}");
			}
			cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(4);
		assertThat(seen).doesNotHaveDuplicates();
		assertThat(new HashSet<>(seen)).isEqualTo(older);
	}

	@Test
	void runsWhenPagingParametersInvalidThenProblems() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "strict");
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?limit=101")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?limit=0")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?page=0")), 422);
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?cursor=not-a-cursor")), 400);
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?cursor={c}",
				java.util.Base64.getUrlEncoder().encodeToString("-5:x".getBytes()))), 400);
		String forged = new RunCursor(Instant.parse("9999-12-31T23:59:59Z").plusSeconds(10), UUID.randomUUID())
			.encode();
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?cursor={c}", forged)), 400);
		String valid = new RunCursor(Instant.now(), UUID.randomUUID()).encode();
		assertProblem(this.mvc.perform(caller.get("/api/projects/strict/runs?cursor={c}&page=2", valid)), 422);
		assertThat(ok(this.mvc.perform(caller.get("/api/projects/strict/runs?cursor={c}", valid))).get("runs"))
			.isEmpty();
		assertProblem(this.mvc.perform(caller.get("/api/projects/missing/runs")), 404);
	}

	@Test
	void runWhenProgressReportedThenTimesCountersAndLogsFollow() {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "life");
		JsonNode run = createRun(caller, "life", "{\"step\":\"Developer: build\",\"kind\":\"build\"}");
		assertThat(run.get("status").asString()).isEqualTo("pending");
		assertThat(run.get("started_at").isNull()).isTrue();
		String id = run.get("id").asString();
		JsonNode running = ok(this.mvc.perform(
				caller.patch("{\"status\":\"running\",\"logs\":\"compiling\"}", "/api/projects/life/runs/{id}", id)));
		assertThat(running.get("started_at").isNull()).isFalse();
		assertThat(running.get("finished_at").isNull()).isTrue();
		JsonNode done = ok(
				this.mvc.perform(caller.patch("{\"status\":\"success\",\"logs\":\"compiled\",\"cost_usd\":0.25}",
						"/api/projects/life/runs/{id}/", id)));
		assertThat(done.get("finished_at").isNull()).isFalse();
		assertThat(done.get("duration_seconds").asDouble()).isNotNegative();
		assertThat(done.get("cost_usd").asDouble()).isEqualTo(0.25);
		assertThat(ok(this.mvc.perform(caller.get("/api/projects/life/runs/{id}/logs", id))).get("logs").asString())
			.isEqualTo("compiled");
		assertProblem(this.mvc.perform(caller.patch("{\"status\":\"failed\"}", "/api/projects/life/runs/{id}", id)),
				409);
		assertThat(this.mvc.perform(caller.patch("{\"logs\":\"more\"}", "/api/projects/life/runs/{id}", id)))
			.hasStatus(200);
		createRun(caller, "life", "{\"step\":\"QA\",\"status\":\"failed\"}");
		JsonNode project = ok(this.mvc.perform(caller.get("/api/projects/life")));
		assertThat(project.get("runs_total").asLong()).isEqualTo(2);
		assertThat(project.get("runs_succeeded").asLong()).isEqualTo(1);
		assertThat(project.get("runs_failed").asLong()).isEqualTo(1);
		assertThat(project.get("success_rate").asLong()).isEqualTo(50);
		assertProblem(this.mvc.perform(caller.patch("{\"status\":\"done\"}", "/api/projects/life/runs/{id}", id)), 422);
		assertProblem(this.mvc.perform(caller.post("{\"step\":\"\"}", "/api/projects/life/runs")), 422);
		assertProblem(this.mvc.perform(caller.post("{\"step\":\"x\",\"cost_usd\":-1}", "/api/projects/life/runs")),
				422);
		assertProblem(this.mvc.perform(caller.post("{\"step\":\"x\",\"kind\":\"y\"}", "/api/projects/life/runs")), 422);
		assertProblem(
				this.mvc.perform(
						caller.patch("{\"status\":\"failed\"}", "/api/projects/life/runs/{id}", UUID.randomUUID())),
				404);
		assertProblem(this.mvc.perform(caller.get("/api/projects/life/runs/{id}/logs", UUID.randomUUID())), 404);
		assertThat(this.mvc.perform(caller.get("/api/projects/life/runs/not-a-uuid/logs"))).hasStatus4xxClientError();
	}

	@Test
	void runCompletionsWhenConcurrentThenCountersExact() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "race");
		List<String> runs = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			runs.add(createRun(caller, "race", "{\"step\":\"s\",\"status\":\"running\"}").get("id").asString());
		}
		List<Future<Integer>> answers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
			for (int i = 0; i < runs.size(); i++) {
				String status = (i % 4 == 0) ? "failed" : "success";
				String id = runs.get(i);
				answers.add(pool.submit(() -> this.mvc
					.perform(caller.patch("{\"status\":\"" + status + "\"}", "/api/projects/race/runs/{id}", id))
					.getResponse()
					.getStatus()));
			}
			for (Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
		}
		JsonNode project = ok(this.mvc.perform(caller.get("/api/projects/race")));
		assertThat(project.get("runs_total").asLong()).isEqualTo(20);
		assertThat(project.get("runs_succeeded").asLong()).isEqualTo(15);
		assertThat(project.get("runs_failed").asLong()).isEqualTo(5);
	}

	@Test
	void runsWhenApprovalsAskedThenNestedOldestFirst() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		create(caller, "gated");
		String run = createRun(caller, "gated", "{\"step\":\"deploy\",\"kind\":\"deploy\"}").get("id").asString();
		try (Connection admin = TestInfrastructure.get()
			.openAdminConnection(); PreparedStatement insert = admin.prepareStatement("""
					INSERT INTO agents.run_approvals (tenant_id, run_id, step, status, comment, decided_by,
						created_at, decided_at)
					VALUES (?, ?, 'deploy', 'approved', 'ok', 'admin@example.com', now() - interval '1 minute', now()),
						(?, ?, 'release', 'pending', NULL, NULL, now(), NULL)""")) {
			insert.setObject(1, caller.tenantId());
			insert.setObject(2, UUID.fromString(run));
			insert.setObject(3, caller.tenantId());
			insert.setObject(4, UUID.fromString(run));
			insert.executeUpdate();
		}
		JsonNode approvals = ok(this.mvc.perform(caller.get("/api/projects/gated/runs"))).get("runs")
			.get(0)
			.get("approvals");
		assertThat(approvals).hasSize(2);
		assertThat(approvals.get(0).get("status").asString()).isEqualTo("approved");
		assertThat(approvals.get(0).get("decided_by").asString()).isEqualTo("admin@example.com");
		assertThat(approvals.get(0).get("decided_at").isNull()).isFalse();
		assertThat(approvals.get(1).get("step").asString()).isEqualTo("release");
		assertThat(approvals.get(1).get("comment").isNull()).isTrue();
		JsonNode patched = ok(
				this.mvc.perform(caller.patch("{\"status\":\"running\"}", "/api/projects/gated/runs/{id}", run)));
		assertThat(patched.get("approvals")).hasSize(2);
		assertThat(ok(this.mvc.perform(ApiCaller.newTenant(MEMBER).get("/api/projects"))).get("projects")).isEmpty();
	}

	@Test
	void keysetPageWhenPlannedOnManyRunsThenProjectCreatedIndex() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		UUID project = UUID.fromString(create(caller, "big").get("id").asString());
		UUID neighbour = UUID.fromString(create(caller, "neighbour").get("id").asString());
		// The big project holds a twentieth of its tenant's runs, as one project among
		// many does: the
		// tenant's own index of runs by age is then no shortcut to its newest.
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement insert = admin.prepareStatement("""
						INSERT INTO agents.project_runs (tenant_id, project_id, step, status, created_at)
						SELECT ?, CASE WHEN g % 20 = 0 THEN ? ELSE ? END, 'step', 'success',
							now() - g * interval '1 second'
						FROM generate_series(1, 20000) g""");
				Statement analyze = admin.createStatement()) {
			insert.setObject(1, caller.tenantId());
			insert.setObject(2, project);
			insert.setObject(3, neighbour);
			insert.executeUpdate();
			analyze.execute("ANALYZE agents.project_runs");
		}
		Map<String, Object> first = Map.of("project", project, "limit", 21);
		assertThat(explain(caller.tenantId(), ProjectQueries.FIRST_PAGE, first))
			.contains("project_runs_project_created_idx");
		Map<String, Object> after = Map.of("project", project, "limit", 21, "created",
				OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "id", UUID.randomUUID());
		assertThat(explain(caller.tenantId(), ProjectQueries.PAGE_AFTER, after))
			.contains("Index Scan using project_runs_project_created_idx")
			.doesNotContain("Seq Scan on project_runs");
	}

	private String explain(UUID tenant, String sql, Map<String, ?> params) {
		return this.transactions.write(tenant,
				() -> String.join("\n", this.jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list()));
	}

	private JsonNode create(ApiCaller caller, String slug) {
		return body(
				this.mvc.perform(caller.post("{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"}", "/api/projects")),
				201);
	}

	private JsonNode createRun(ApiCaller caller, String slug, String json) {
		return body(this.mvc.perform(caller.post(json, "/api/projects/{slug}/runs", slug)), 201);
	}

	private static List<String> slugs(JsonNode projects) {
		List<String> slugs = new ArrayList<>();
		projects.forEach((project) -> slugs.add(project.get("slug").asString()));
		return slugs;
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.get("runs").forEach((run) -> ids.add(run.get("id").asString()));
		return ids;
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
