package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.MutableClock;
import io.temponest.security.web.PlatformExceptionHandler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.offset;

/**
 * The ledger inside a run's transaction: the cost row, budget spend per UTC day and
 * month, alerts at the threshold and the limit, and the budget check before a run.
 */
@AgentsIntegrationTest
class CostLedgerIntegrationTests {

	@Autowired
	CostLedger ledger;

	@Autowired
	BudgetGuard guard;

	@Autowired
	Budgets budgets;

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry registry;

	@Autowired
	PlatformExceptionHandler exceptionHandler;

	@Autowired
	JsonMapper json;

	@Test
	void recordWhenNoBudgetThenRowWithGoldenCostsAndWithinBudget() {
		UUID tenant = UUID.randomUUID();
		UUID user = UUID.randomUUID();
		CostEntry entry = new CostEntry("task-1", "developer", tenant, user, "project-1", "workflow-1", "claude",
				"claude-sonnet-4-20250514", 1000, 500, 1234, CostStatus.COMPLETED, Map.of("citations_count", 2));
		double spentBefore = cost("developer", "anthropic");
		CostInfo info = record(entry);
		assertThat(info.taskId()).isEqualTo("task-1");
		assertThat(info.inputCostUsd()).isEqualTo(new BigDecimal("0.003000"));
		assertThat(info.outputCostUsd()).isEqualTo(new BigDecimal("0.007500"));
		assertThat(info.totalCostUsd()).isEqualTo(new BigDecimal("0.010500"));
		assertThat(info.totalTokens()).isEqualTo(1500);
		assertThat(info.budgetStatus()).isEqualTo(CostInfo.BudgetStatus.WITHIN);
		Map<String, Object> row = this.transactions.read(tenant, () -> this.jdbc
			.sql("SELECT task_id, agent_name, user_id, tenant_id, project_id, workflow_id, model_provider, model_name, "
					+ "input_tokens, output_tokens, total_tokens, input_cost_usd, output_cost_usd, total_cost_usd, "
					+ "latency_ms, status, context::text AS context, created_at FROM agents.cost_tracking")
			.query()
			.singleRow());
		assertThat(row).containsEntry("task_id", "task-1")
			.containsEntry("agent_name", "developer")
			.containsEntry("user_id", user)
			.containsEntry("tenant_id", tenant)
			.containsEntry("project_id", "project-1")
			.containsEntry("workflow_id", "workflow-1")
			.containsEntry("model_provider", "anthropic")
			.containsEntry("model_name", "claude-sonnet-4-20250514")
			.containsEntry("input_tokens", 1000)
			.containsEntry("output_tokens", 500)
			.containsEntry("total_tokens", 1500)
			.containsEntry("input_cost_usd", new BigDecimal("0.003000"))
			.containsEntry("output_cost_usd", new BigDecimal("0.007500"))
			.containsEntry("total_cost_usd", new BigDecimal("0.010500"))
			.containsEntry("latency_ms", 1234)
			.containsEntry("status", "completed")
			.containsEntry("context", "{\"citations_count\": 2}");
		assertThat(((Timestamp) row.get("created_at")).toInstant())
			.isEqualTo(this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		assertThat(cost("developer", "anthropic") - spentBefore).isEqualTo(0.0105, offset(1e-9));
	}

	@Test
	void recordWhenOptionalFieldsMissingOrTooLongThenStoredWithoutThem() {
		UUID tenant = UUID.randomUUID();
		CostInfo info = record(new CostEntry("task-2", "x".repeat(150), tenant, null, null, null, "ollama",
				"mistral:7b-instruct", 10, 20, null, CostStatus.FAILED, Map.of()));
		assertThat(info.totalCostUsd()).isEqualByComparingTo("0");
		Map<String, Object> row = this.transactions.read(tenant, () -> this.jdbc
			.sql("SELECT agent_name, user_id, project_id, latency_ms, status, context FROM agents.cost_tracking")
			.query()
			.singleRow());
		assertThat((String) row.get("agent_name")).hasSize(100);
		assertThat(row.get("user_id")).isNull();
		assertThat(row.get("project_id")).isNull();
		assertThat(row.get("latency_ms")).isNull();
		assertThat(row.get("context")).isNull();
		assertThat(row.get("status")).isEqualTo("failed");
	}

	@Test
	void recordWhenNoTransactionThenRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.ledger.record(entry(UUID.randomUUID(), 1000, 500)));
	}

	@Test
	void recordWhenTransactionRollsBackThenNoRowNoSpendAndCheckUnchanged() {
		UUID tenant = UUID.randomUUID();
		setDailyLimit(tenant, "0.01");
		assertThatRuntimeException().isThrownBy(() -> this.transactions.run(tenant, () -> {
			this.ledger.record(entry(tenant, 10_000, 0));
			throw new IllegalStateException("the run failed after recording its cost");
		}));
		assertThat(count(tenant, "cost_tracking")).isZero();
		assertThat(count(tenant, "cost_alerts")).isZero();
		assertThat(spend(tenant, "daily")).isEqualByComparingTo("0");
		assertThatNoException().isThrownBy(() -> this.guard.check(tenant));
	}

	@Test
	void recordWhenSpendCrossesThresholdAndLimitThenOneAlertEachExactSpendAndRefusal() {
		UUID tenant = UUID.randomUUID();
		setBudget(tenant, "0.03", "1.00", 0.5);
		double warnings = alerts("warning");
		double exceeded = alerts("exceeded");
		// 0.0105 per run: 35 %, 70 % (crosses 50 %), 105 % (crosses the limit), 140 %
		CostInfo first = record(entry(tenant, 1000, 500));
		assertThat(first.budgetStatus()).isEqualTo(CostInfo.BudgetStatus.WITHIN);
		this.guard.check(tenant);
		CostInfo second = record(entry(tenant, 1000, 500));
		assertThat(second.budgetStatus().withinBudget()).isTrue();
		assertThat(second.budgetStatus().budgetExceeded()).isFalse();
		assertThat(second.budgetStatus().alerts()).singleElement()
			.satisfies((alert) -> assertThat(alert.alertType()).isEqualTo("warning"));
		this.guard.check(tenant);
		CostInfo third = record(entry(tenant, 1000, 500));
		assertThat(third.budgetStatus().withinBudget()).isFalse();
		assertThat(third.budgetStatus().budgetExceeded()).isTrue();
		assertThat(third.budgetStatus().alerts()).singleElement()
			.satisfies((alert) -> assertThat(alert.alertType()).isEqualTo("exceeded"));
		CostInfo fourth = record(entry(tenant, 1000, 500));
		assertThat(fourth.budgetStatus().budgetExceeded()).isTrue();
		assertThat(fourth.budgetStatus().alerts()).isEmpty();
		assertThat(spend(tenant, "daily")).isEqualTo(new BigDecimal("0.042000"));
		assertThat(spend(tenant, "monthly")).isEqualTo(new BigDecimal("0.042000"));
		List<Map<String, Object>> rows = this.transactions.read(tenant,
				() -> this.jdbc
					.sql("SELECT alert_type, threshold_pct, current_spend_usd, message FROM agents.cost_alerts "
							+ "ORDER BY created_at, threshold_pct")
					.query()
					.listOfRows());
		assertThat(rows).extracting((row) -> row.get("alert_type")).containsExactly("warning", "exceeded");
		assertThat(rows).extracting((row) -> row.get("threshold_pct")).containsExactly(70, 105);
		assertThat(rows.get(1).get("message")).isEqualTo("Budget exceeded: 105.0% utilized ($0.03 of $0.03)");
		assertThat(alerts("warning") - warnings).isEqualTo(1);
		assertThat(alerts("exceeded") - exceeded).isEqualTo(1);
		double refusals = refusals("daily");
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> this.guard.check(tenant))
			.satisfies((ex) -> {
				ProblemDetail problem = ex.getBody();
				assertThat(problem.getStatus()).isEqualTo(HttpStatus.PAYMENT_REQUIRED.value());
				assertThat(problem.getType()).hasToString("https://temponest.io/problems/budget-exceeded");
				assertThat(problem.getDetail())
					.isEqualTo("The daily budget of $0.03 is used up ($0.042 spent this day)");
			});
		assertThat(refusals("daily") - refusals).isEqualTo(1);
	}

	@Test
	void recordWhenConcurrentRunsThenExactSpendAndEachAlertOnce() throws Exception {
		UUID tenant = UUID.randomUUID();
		setBudget(tenant, "0.1", null, 0.8);
		List<Callable<CostInfo>> runs = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			runs.add(() -> record(entry(tenant, 1000, 500)));
		}
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			for (Future<CostInfo> run : executor.invokeAll(runs)) {
				run.get();
			}
		}
		finally {
			executor.shutdown();
		}
		assertThat(spend(tenant, "daily")).isEqualTo(new BigDecimal("0.210000"));
		assertThat(this.transactions.read(tenant,
				() -> this.jdbc.sql("SELECT alert_type FROM agents.cost_alerts ORDER BY created_at, threshold_pct")
					.query(String.class)
					.list()))
			.containsExactly("warning", "exceeded");
	}

	@Test
	void checkWhenNextUtcDayThenDailySpendStartsAgainAndMonthlyGoesOn() {
		UUID tenant = UUID.randomUUID();
		setBudget(tenant, "0.01", "1000", 0.8);
		record(entry(tenant, 1000, 500));
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> this.guard.check(tenant));
		Instant before = this.clock.instant();
		Instant nextDay = BudgetPeriod.DAILY.end(before);
		this.clock.advance(Duration.between(before, nextDay).plusMinutes(1));
		assertThatNoException().isThrownBy(() -> this.guard.check(tenant));
		CostInfo info = record(entry(tenant, 1000, 0));
		assertThat(info.budgetStatus()).isEqualTo(CostInfo.BudgetStatus.WITHIN);
		assertThat(spend(tenant, "daily")).isEqualTo(new BigDecimal("0.003000"));
		boolean sameMonth = BudgetPeriod.MONTHLY.start(before).equals(BudgetPeriod.MONTHLY.start(nextDay));
		assertThat(spend(tenant, "monthly")).isEqualTo(new BigDecimal(sameMonth ? "0.013500" : "0.003000"));
		assertThat(this.transactions.read(tenant,
				() -> this.jdbc.sql("SELECT period_start FROM agents.cost_budgets WHERE budget_type = 'daily'")
					.query(OffsetDateTime.class)
					.single()
					.toInstant()))
			.isEqualTo(nextDay);
	}

	@Test
	void checkWhenBudgetSetAfterSpendingThenCountsWhatWasSpentThisPeriod() {
		UUID tenant = UUID.randomUUID();
		record(entry(tenant, 1000, 500));
		record(entry(tenant, 1000, 500));
		this.guard.check(tenant);
		setDailyLimit(tenant, "0.02");
		assertThat(spend(tenant, "daily")).isEqualTo(new BigDecimal("0.021000"));
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> this.guard.check(tenant));
		setBudget(tenant, null, null, 0.8);
		assertThatNoException().isThrownBy(() -> this.guard.check(tenant));
		CostInfo info = record(entry(tenant, 1000, 500));
		assertThat(info.budgetStatus()).isEqualTo(CostInfo.BudgetStatus.WITHIN);
	}

	@Test
	void refusalWhenAnsweredThenPaymentRequiredProblemNamingTheLimit() throws Exception {
		UUID tenant = UUID.randomUUID();
		setBudget(tenant, "5", "0.01", 0.8);
		record(entry(tenant, 1000, 500));
		BudgetExceededException refusal = catchThrowableOfType(BudgetExceededException.class,
				() -> this.guard.check(tenant));
		ResponseEntity<Object> answer = this.exceptionHandler.handleException(refusal,
				new ServletWebRequest(new MockHttpServletRequest("POST", "/developer/run")));
		assertThat(answer.getStatusCode().value()).isEqualTo(402);
		JsonNode body = this.json.readTree(this.json.writeValueAsString(answer.getBody()));
		assertThat(body.get("type").asString()).endsWith("/budget-exceeded");
		assertThat(body.get("status").asInt()).isEqualTo(402);
		assertThat(body.get("detail").asString())
			.isEqualTo("The monthly budget of $0.01 is used up ($0.0105 spent this month)");
		assertThat(body.get("budget_type").asString()).isEqualTo("monthly");
		assertThat(body.get("limit_usd").asDouble()).isEqualTo(0.01);
		assertThat(body.get("spend_usd").asDouble()).isEqualTo(0.0105);
	}

	@Test
	void checkWhenNoBudgetThenPasses() {
		assertThatNoException().isThrownBy(() -> this.guard.check(UUID.randomUUID()));
	}

	private CostInfo record(CostEntry entry) {
		return this.transactions.write(entry.tenantId(), () -> this.ledger.record(entry));
	}

	private void setDailyLimit(UUID tenant, String limit) {
		setBudget(tenant, limit, null, 0.8);
	}

	private void setBudget(UUID tenant, String daily, String monthly, double threshold) {
		this.budgets.set(tenant, null, new BudgetConfig((daily != null) ? Double.valueOf(daily) : null,
				(monthly != null) ? Double.valueOf(monthly) : null, threshold));
	}

	private BigDecimal spend(UUID tenant, String type) {
		return this.transactions.read(tenant,
				() -> this.jdbc.sql("SELECT current_spend_usd FROM agents.cost_budgets WHERE budget_type = :type")
					.param("type", type)
					.query(BigDecimal.class)
					.single());
	}

	private long count(UUID tenant, String table) {
		return this.transactions.read(tenant,
				() -> this.jdbc.sql("SELECT count(*) FROM agents." + table).query(Long.class).single());
	}

	private double cost(String agent, String provider) {
		Counter counter = this.registry.find(CostMetrics.COST).tags("agent", agent, "provider", provider).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double alerts(String type) {
		Counter counter = this.registry.find(CostMetrics.ALERTS).tag("type", type).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double refusals(String type) {
		Counter counter = this.registry.find(CostMetrics.REFUSALS).tag("budget_type", type).counter();
		return (counter != null) ? counter.count() : 0;
	}

	static CostEntry entry(UUID tenant, int input, int output) {
		return new CostEntry(UUID.randomUUID().toString(), "developer", tenant, null, null, null, "anthropic",
				"claude-sonnet-4-20250514", input, output, 100, CostStatus.COMPLETED, Map.of());
	}

}
