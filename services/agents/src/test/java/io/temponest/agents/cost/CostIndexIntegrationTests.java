package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.security.tenant.TenantTransactions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the hot cost reads, as the service's role under row-level security: the
 * summary, the web dashboard's totals and timeline, and a period's total (budget status,
 * forecast, a new budget's spend) read only the covering index, the budget check and the
 * ledger's statement (its spend update) one budget index. Sequential and bitmap scans are
 * switched off so that the plan shows which index the query can use, whatever the size of
 * the test tables.
 */
@AgentsIntegrationTest
class CostIndexIntegrationTests {

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void summaryWhenPlannedThenIndexOnlyScanOfTheCoveringIndex() {
		UUID tenant = UUID.randomUUID();
		Map<String, Object> params = Map.of("tenantId", tenant, "from", utc(Instant.now().minusSeconds(86_400)),
				"until", utc(Instant.now()));
		String plan = explain(tenant,
				CostReports.SUMMARY.replace("CAST(:agent AS varchar)", "CAST(NULL AS varchar)")
					.replace("CAST(:project AS varchar)", "CAST(NULL AS varchar)")
					.replace(":agent", "'developer'")
					.replace(":project", "'p'"),
				params);
		assertThat(plan).contains("Index Only Scan using idx_cost_tenant_date").doesNotContain("Heap");
		assertThat(explain(tenant, CostReports.TOTAL, params)).contains("Index Only Scan using idx_cost_tenant_date");
		assertThat(explain(tenant, CostReports.PER_UNIT.replace(":unit", "'day'"), params))
			.contains("Index Only Scan using idx_cost_tenant_date");
		assertThat(explain(tenant, CostAnalytics.TOTALS, params))
			.contains("Index Only Scan using idx_cost_tenant_date");
		assertThat(explain(tenant, CostAnalytics.TIMELINE, params))
			.contains("Index Only Scan using idx_cost_tenant_date");
	}

	@Test
	void budgetReadAndSpendUpdateWhenPlannedThenTenantBudgetIndex() {
		UUID tenant = UUID.randomUUID();
		assertThat(explain(tenant, BudgetGuard.ACTIVE_BUDGETS, Map.of("tenantId", tenant)))
			.contains("Index Scan using cost_budgets_tenant_id_budget_type_key");
		Map<String, Object> run = new HashMap<>();
		OffsetDateTime now = utc(Instant.now());
		for (String name : List.of("taskId", "agentName", "projectId", "workflowId", "provider", "model", "status")) {
			run.put(name, "x");
		}
		for (String name : List.of("inputTokens", "outputTokens", "totalTokens", "latencyMs")) {
			run.put(name, 1);
		}
		for (String name : List.of("inputCost", "outputCost", "totalCost")) {
			run.put(name, BigDecimal.ONE);
		}
		for (String name : List.of("now", "dayStart", "dayEnd", "monthStart", "monthEnd")) {
			run.put(name, now);
		}
		run.put("tenantId", tenant);
		run.put("userId", tenant);
		run.put("context", "{}");
		assertThat(explain(tenant, CostLedger.RECORD, run))
			.contains("Index Scan using cost_budgets_tenant_id_budget_type_key")
			.doesNotContain("Seq Scan");
	}

	private String explain(UUID tenant, String sql, Map<String, ?> params) {
		return this.transactions.write(tenant, () -> {
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			this.jdbc.sql("SET LOCAL enable_bitmapscan = off").update();
			List<String> lines = this.jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list();
			return String.join("\n", lines);
		});
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
