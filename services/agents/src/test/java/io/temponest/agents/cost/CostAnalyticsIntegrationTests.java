package io.temponest.agents.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The web dashboard's cost summary and executions timeline: their figures, the days they
 * cover, tenant isolation, permissions, and parameters that try to reach the SQL (each
 * refused before any statement runs, the table untouched).
 */
@AgentsIntegrationTest
class CostAnalyticsIntegrationTests {

	private static final List<String> READER = List.of("costs:read");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void summaryWhenDatesGivenThenWholeDaysBothIncludedElseAllTime() {
		ApiCaller caller = ApiCaller.newTenant(READER);
		cost(caller, "developer", "completed", 0.5, 1000, 200, Duration.ZERO);
		cost(caller, "developer", "failed", 0.25, 500, null, Duration.ofDays(2));
		cost(caller, "qa_tester", "completed", 1.0, 10, 50, Duration.ofDays(40));
		cost(ApiCaller.newTenant(READER), "developer", "completed", 9.0, 9, 9, Duration.ZERO);
		JsonNode all = ok(this.mvc.perform(caller.get("/api/costs/summary")));
		assertThat(all.get("total_usd").asDouble()).isEqualTo(1.75, offset(1e-9));
		assertThat(all.get("total_tokens").asLong()).isEqualTo(1510);
		assertThat(all.get("total_executions").asLong()).isEqualTo(3);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		JsonNode lastThreeDays = ok(this.mvc
			.perform(caller.get("/api/costs/summary/?start_date={s}&end_date={e}", today.minusDays(2), today)));
		assertThat(lastThreeDays.get("total_executions").asLong()).isEqualTo(2);
		assertThat(lastThreeDays.get("total_usd").asDouble()).isEqualTo(0.75, offset(1e-9));
		JsonNode dayBefore = ok(this.mvc.perform(
				caller.get("/api/costs/summary?start_date={s}&end_date={e}", today.minusDays(2), today.minusDays(1))));
		assertThat(dayBefore.get("total_executions").asLong()).as("the end day is included, the next one not")
			.isEqualTo(1);
		JsonNode empty = ok(this.mvc.perform(ApiCaller.newTenant(READER).get("/api/costs/summary")));
		assertThat(empty.get("total_usd").asDouble()).isZero();
		assertThat(empty.get("total_executions").asLong()).isZero();
	}

	@Test
	void timelineWhenDaysGivenThenPerDayAndAgentNewestFirst() {
		ApiCaller caller = ApiCaller.newTenant(READER);
		cost(caller, "developer", "completed", 0.5, 100, 200, Duration.ZERO);
		cost(caller, "developer", "timeout", 0.1, 50, 400, Duration.ZERO);
		cost(caller, "overseer", "completed", 0.2, 10, null, Duration.ZERO);
		cost(caller, "developer", "failed", 0.3, 30, 100, Duration.ofDays(1));
		cost(caller, "developer", "completed", 0.3, 30, 100, Duration.ofDays(3));
		JsonNode rows = ok(this.mvc.perform(caller.get("/api/analytics/executions/timeline?days=2")));
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		assertThat(rows).hasSize(3);
		JsonNode developerToday = rows.get(0);
		assertThat(developerToday.get("date").asString()).isEqualTo(today.toString());
		assertThat(developerToday.get("agent_name").asString()).isEqualTo("developer");
		assertThat(developerToday.get("executions").asLong()).isEqualTo(2);
		assertThat(developerToday.get("total_tokens").asLong()).isEqualTo(150);
		assertThat(developerToday.get("total_cost").asDouble()).isEqualTo(0.6, offset(1e-9));
		assertThat(developerToday.get("avg_latency").asDouble()).isEqualTo(300.0);
		assertThat(developerToday.get("failures").asLong()).isEqualTo(1);
		assertThat(rows.get(1).get("agent_name").asString()).isEqualTo("overseer");
		assertThat(rows.get(1).get("avg_latency").isNull()).isTrue();
		assertThat(rows.get(2).get("date").asString()).isEqualTo(today.minusDays(1).toString());
		assertThat(rows.get(2).get("failures").asLong()).isEqualTo(1);
		assertThat(ok(this.mvc.perform(caller.get("/api/analytics/executions/timeline"))).size()).as("7 by default")
			.isEqualTo(4);
		assertThat(ok(this.mvc.perform(ApiCaller.newTenant(READER).get("/api/analytics/executions/timeline"))))
			.isEmpty();
	}

	@Test
	void parametersWhenTheyCarrySqlThenRefusedAndNothingRuns() {
		ApiCaller caller = ApiCaller.newTenant(READER);
		cost(caller, "developer", "completed", 0.5, 100, 200, Duration.ZERO);
		for (String query : List.of("start_date=2026-01-01' OR '1'='1", "end_date=2026-01-01;DROP TABLE x",
				"start_date=2026-01-01&end_date=2026-01-02'--", "start_date=now()")) {
			assertProblem(this.mvc.perform(caller.get("/api/costs/summary?" + query)), 422);
		}
		for (String days : List.of("7 days'", "7; DROP TABLE agents.cost_tracking", "0", "367", "-1", "1e3")) {
			assertProblem(this.mvc.perform(caller.get("/api/analytics/executions/timeline?days={d}", days)), 422);
		}
		assertThat(ok(this.mvc.perform(caller.get("/api/costs/summary"))).get("total_executions").asLong())
			.isEqualTo(1);
	}

	@Test
	void routesWhenUnauthenticatedOrWithoutPermissionThenRefused() {
		for (String path : List.of("/api/costs/summary", "/api/analytics/executions/timeline")) {
			assertThat(this.mvc.perform(ApiCaller.anonymous().get(path))).hasStatus(401);
			assertThat(this.mvc.perform(ApiCaller.newTenant(List.of("agents:read")).get(path))).hasStatus(403);
		}
	}

	private void cost(ApiCaller caller, String agent, String status, double usd, int tokens, @Nullable Integer latency,
			Duration age) {
		Instant at = this.clock.instant().minus(age);
		this.transactions.write(caller.tenantId(),
				() -> this.jdbc.sql("""
						INSERT INTO agents.cost_tracking (task_id, agent_name, tenant_id, model_provider, model_name,
							total_tokens, total_cost_usd, latency_ms, status, created_at)
						VALUES (:task, :agent, :tenant, 'ollama', 'm', :tokens, :usd, :latency, :status, :at)""")
					.param("task", UUID.randomUUID().toString())
					.param("agent", agent)
					.param("tenant", caller.tenantId())
					.param("tokens", tokens)
					.param("usd", usd)
					.param("latency", latency, Types.INTEGER)
					.param("status", status)
					.param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
					.update());
	}

	private static JsonNode ok(MvcTestResult result) {
		assertThat(result).hasStatus(200);
		return ApiCaller.json(result);
	}

	private static void assertProblem(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		JsonNode problem = ApiCaller.json(result);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}
