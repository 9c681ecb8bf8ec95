package io.temponest.agents.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.role.AgentRole;
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
 * The dashboard's KPI tiles and agent cards: the figures, the minute-long cache and its
 * eviction by a run change, tenant isolation, permissions, and the plans of both
 * statements on tables big enough for the planner to choose.
 */
@AgentsIntegrationTest
class DashboardIntegrationTests {

	private static final List<String> MEMBER = List.of("agents:read", "agents:execute");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void kpisWhenProjectsAndRunsThenCountedPerTile() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		project(caller, "one");
		project(caller, "two");
		assertThat(this.mvc.perform(caller.patch("{\"status\":\"build\"}", "/api/projects/two"))).hasStatus(200);
		run(caller, "one", "pending");
		run(caller, "one", "running");
		run(caller, "two", "success");
		insertRun(caller, "one", "success", Duration.ofHours(25));
		JsonNode kpis = kpis(caller);
		assertThat(kpis.get("projects_total").asLong()).isEqualTo(2);
		assertThat(kpis.get("projects_active").asLong()).isEqualTo(1);
		assertThat(kpis.get("runs_today").asLong()).isEqualTo(3);
		assertThat(kpis.get("queue_depth").asLong()).isEqualTo(1);
		assertThat(kpis.get("active_jobs").asLong()).isEqualTo(1);
		assertThat(kpis.get("agents_total").asLong()).isEqualTo(AgentRole.values().length);
		assertThat(kpis.get("agent_health_percent").asDouble()).isEqualTo(100.0);
		assertThat(kpis.get("computed_at").isNull()).isFalse();
	}

	@Test
	void kpisWhenCachedThenReusedUntilARunChangesState() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		project(caller, "cached");
		String id = run(caller, "cached", "pending");
		assertThat(kpis(caller).get("queue_depth").asLong()).isEqualTo(1);
		insertRun(caller, "cached", "pending", Duration.ZERO);
		assertThat(kpis(caller).get("queue_depth").asLong()).as("a write behind the service's back stays unseen")
			.isEqualTo(1);
		assertThat(this.mvc.perform(caller.patch("{\"status\":\"running\"}", "/api/projects/cached/runs/{id}", id)))
			.hasStatus(200);
		JsonNode fresh = kpis(caller);
		assertThat(fresh.get("queue_depth").asLong()).isEqualTo(1);
		assertThat(fresh.get("active_jobs").asLong()).isEqualTo(1);
		assertThat(fresh.get("runs_today").asLong()).isEqualTo(2);
		assertThat(this.mvc.perform(caller.post("{\"name\":\"Third\"}", "/api/projects"))).hasStatus(201);
		assertThat(kpis(caller).get("projects_total").asLong()).as("a new project evicts too").isEqualTo(2);
	}

	@Test
	void kpisWhenARunWriteFailsThenCacheKept() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		project(caller, "kept");
		String id = run(caller, "kept", "success");
		assertThat(kpis(caller).get("runs_today").asLong()).isEqualTo(1);
		insertRun(caller, "kept", "pending", Duration.ZERO);
		assertThat(this.mvc.perform(caller.patch("{\"status\":\"failed\"}", "/api/projects/kept/runs/{id}", id)))
			.hasStatus(409);
		assertThat(kpis(caller).get("runs_today").asLong()).as("a refused change evicts nothing").isEqualTo(1);
	}

	@Test
	void cardsWhenExecutionsFailThenDegradedOrDownAndHealthPercentFollows() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		execution(caller, AgentRole.DEVELOPER, "completed", Duration.ofMinutes(30));
		execution(caller, AgentRole.DEVELOPER, "completed", Duration.ofMinutes(20));
		execution(caller, AgentRole.DEVELOPER, "failed", Duration.ofMinutes(10));
		execution(caller, AgentRole.QA_TESTER, "failed", Duration.ofMinutes(5));
		execution(caller, AgentRole.DESIGNER, "completed", Duration.ofMinutes(5));
		execution(caller, AgentRole.DEVOPS, "failed", Duration.ofHours(30));
		execution(caller, AgentRole.DEVOPS, "completed", Duration.ofMinutes(1));
		JsonNode created = ApiCaller.json(this.mvc.perform(caller.post("""
				{"name":"zz-reviewer","provider":"ollama","model":"llama3.2"}""", "/agents")));
		JsonNode cards = ok(this.mvc.perform(caller.get("/api/agents/health"))).get("agents");
		assertThat(cards).hasSize(AgentRole.values().length + 1);
		assertThat(cards.get(0).get("name").asString()).isEqualTo(AgentRole.OVERSEER.displayName());
		JsonNode developer = card(cards, AgentRole.DEVELOPER.displayName());
		assertThat(developer.get("status").asString()).isEqualTo("degraded");
		assertThat(developer.get("success_rate").asDouble()).isEqualTo(66.7);
		assertThat(developer.get("runs").asLong()).isEqualTo(3);
		assertThat(developer.get("failed").asLong()).isEqualTo(1);
		assertThat(developer.get("last_run_status").asString()).isEqualTo("failed");
		assertThat(developer.get("built_in").asBoolean()).isTrue();
		assertThat(card(cards, AgentRole.QA_TESTER.displayName()).get("status").asString()).isEqualTo("down");
		JsonNode devops = card(cards, AgentRole.DEVOPS.displayName());
		assertThat(devops.get("status").asString()).as("yesterday's failure is forgotten").isEqualTo("healthy");
		assertThat(devops.get("runs").asLong()).isEqualTo(1);
		JsonNode overseer = card(cards, AgentRole.OVERSEER.displayName());
		assertThat(overseer.get("status").asString()).isEqualTo("healthy");
		assertThat(overseer.get("success_rate").isNull()).isTrue();
		assertThat(overseer.get("last_run_at").isNull()).isTrue();
		JsonNode own = cards.get(cards.size() - 1);
		assertThat(own.get("id").asString()).isEqualTo(created.get("id").asString());
		assertThat(own.get("built_in").asBoolean()).isFalse();
		JsonNode kpis = kpis(caller);
		assertThat(kpis.get("agents_total").asLong()).isEqualTo(AgentRole.values().length + 1);
		assertThat(kpis.get("agents_healthy").asLong()).isEqualTo(AgentRole.values().length - 1);
		assertThat(kpis.get("agent_health_percent").asDouble()).isEqualTo(75.0);
	}

	@Test
	void routesWhenAnotherTenantThenItsOwnFiguresOnly() throws Exception {
		ApiCaller owner = ApiCaller.newTenant(MEMBER);
		project(owner, "mine");
		run(owner, "mine", "pending");
		execution(owner, AgentRole.DEVELOPER, "failed", Duration.ofMinutes(1));
		ApiCaller stranger = ApiCaller.newTenant(MEMBER);
		JsonNode kpis = kpis(stranger);
		assertThat(kpis.get("projects_total").asLong()).isZero();
		assertThat(kpis.get("runs_today").asLong()).isZero();
		assertThat(kpis.get("queue_depth").asLong()).isZero();
		assertThat(kpis.get("agent_health_percent").asDouble()).isEqualTo(100.0);
		JsonNode developer = card(ok(this.mvc.perform(stranger.get("/api/agents/health"))).get("agents"),
				AgentRole.DEVELOPER.displayName());
		assertThat(developer.get("runs").asLong()).isZero();
	}

	@Test
	void routesWhenUnauthenticatedOrWithoutPermissionThenRefused() {
		for (String path : List.of("/api/dashboard/kpis", "/api/agents/health", "/api/dashboard/kpis/")) {
			assertThat(this.mvc.perform(ApiCaller.anonymous().get(path))).hasStatus(401);
			assertThat(this.mvc.perform(ApiCaller.newTenant(List.of("costs:read")).get(path))).hasStatus(403);
		}
	}

	@Test
	void statementsWhenPlannedOnManyRowsThenTenantIndexes() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(MEMBER);
		UUID project = UUID.fromString(project(caller, "plan").get("id").asString());
		UUID other = UUID.randomUUID();
		UUID otherProject = UUID.randomUUID();
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement projects = admin.prepareStatement("""
						INSERT INTO agents.projects (id, tenant_id, slug, name) VALUES (?, ?, 'other', 'Other')""");
				PreparedStatement runs = admin.prepareStatement("""
						INSERT INTO agents.project_runs (tenant_id, project_id, step, status, created_at, started_at,
							finished_at)
						SELECT CASE WHEN g % 10 = 0 THEN ? ELSE ? END, CASE WHEN g % 10 = 0 THEN ? ELSE ? END,
							'Developer: step', CASE WHEN g % 1000 = 0 THEN 'pending' ELSE 'success' END,
							now() - g * interval '1 minute', now() - g * interval '1 minute',
							CASE WHEN g % 1000 <> 0 THEN now() - g * interval '1 minute' + interval '30 seconds' END
						FROM generate_series(1, 30000) g""");
				PreparedStatement executions = admin.prepareStatement("""
						INSERT INTO agents.agent_executions (id, tenant_id, agent_id, agent_name, status, user_message,
							provider, model, created_at)
						SELECT gen_random_uuid(), CASE WHEN g % 10 = 0 THEN ? ELSE ? END, ?, 'developer', 'completed',
							'task', 'ollama', 'm', now() - g * interval '1 minute'
						FROM generate_series(1, 30000) g""");
				Statement analyze = admin.createStatement()) {
			projects.setObject(1, otherProject);
			projects.setObject(2, other);
			projects.executeUpdate();
			runs.setObject(1, caller.tenantId());
			runs.setObject(2, other);
			runs.setObject(3, project);
			runs.setObject(4, otherProject);
			runs.executeUpdate();
			executions.setObject(1, caller.tenantId());
			executions.setObject(2, other);
			executions.setObject(3, AgentRole.DEVELOPER.id());
			executions.executeUpdate();
			analyze.execute("ANALYZE agents.project_runs");
			analyze.execute("ANALYZE agents.agent_executions");
		}
		String kpis = explain(caller.tenantId(), DashboardQueries.KPIS);
		assertThat(kpis).contains("project_runs_tenant_created_idx")
			.contains("project_runs_tenant_open_idx")
			.contains("agent_executions_tenant_agent_created_idx")
			.doesNotContain("Seq Scan on project_runs")
			.doesNotContain("Seq Scan on agent_executions");
		assertThat(explain(caller.tenantId(), DashboardQueries.CARD_LIST))
			.contains("agent_executions_tenant_agent_created_idx")
			.doesNotContain("Seq Scan on agent_executions");
	}

	private String explain(UUID tenant, String sql) {
		return this.transactions.write(tenant,
				() -> String.join("\n",
						this.jdbc.sql("EXPLAIN " + sql)
							.paramSource(DashboardQueries.params(tenant, this.clock.instant()))
							.query(String.class)
							.list()));
	}

	private JsonNode kpis(ApiCaller caller) {
		return ok(this.mvc.perform(caller.get("/api/dashboard/kpis")));
	}

	private JsonNode project(ApiCaller caller, String slug) {
		MvcTestResult result = this.mvc
			.perform(caller.post("{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\"}", "/api/projects"));
		assertThat(result).hasStatus(201);
		return ApiCaller.json(result);
	}

	private String run(ApiCaller caller, String slug, String status) {
		MvcTestResult result = this.mvc.perform(caller
			.post("{\"step\":\"Developer: build\",\"status\":\"" + status + "\"}", "/api/projects/{slug}/runs", slug));
		assertThat(result).hasStatus(201);
		return ApiCaller.json(result).get("id").asString();
	}

	private void insertRun(ApiCaller caller, String slug, String status, Duration age) {
		this.transactions.write(caller.tenantId(),
				() -> this.jdbc.sql("""
						INSERT INTO agents.project_runs (tenant_id, project_id, step, status, created_at)
						SELECT tenant_id, id, 'QA: check', :status, now() - CAST(:age AS interval)
						FROM agents.projects WHERE slug = :slug""")
					.param("status", status)
					.param("age", age.toSeconds() + " seconds")
					.param("slug", slug)
					.update());
	}

	private void execution(ApiCaller caller, AgentRole role, String status, Duration age) {
		this.transactions.write(caller.tenantId(), () -> this.jdbc
			.sql("""
					INSERT INTO agents.agent_executions (id, tenant_id, agent_id, agent_name, status, user_message, provider,
						model, created_at)
					VALUES (:id, :tenant, :agent, :name, CAST(:status AS agents.run_status), 'task', 'ollama', 'm', :created)""")
			.param("id", UUID.randomUUID())
			.param("tenant", caller.tenantId())
			.param("agent", role.id())
			.param("name", role.slug())
			.param("status", status)
			.param("created", OffsetDateTime.ofInstant(this.clock.instant().minus(age), ZoneOffset.UTC))
			.update());
	}

	private static JsonNode card(JsonNode cards, String name) {
		List<JsonNode> named = new ArrayList<>();
		cards.forEach((card) -> {
			if (card.get("name").asString().equals(name)) {
				named.add(card);
			}
		});
		assertThat(named).hasSize(1);
		return named.get(0);
	}

	private static JsonNode ok(MvcTestResult result) {
		assertThat(result).hasStatus(200);
		return ApiCaller.json(result);
	}

}
