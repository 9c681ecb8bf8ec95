package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records what runs cost, inside the run's own transaction: one statement inserts the
 * {@code cost_tracking} row, adds the cost to the spend of the tenant's active daily and
 * monthly budgets (starting a new UTC day or month when the clock has moved into one),
 * and raises a {@code cost_alerts} row for each budget whose spend this run took across
 * its alert threshold ({@code warning}) or its limit ({@code exceeded}). A tenant without
 * budgets pays one index probe for the budget part. The spend rows stay locked until the
 * run's transaction ends, so a run should record its cost last. Metrics and the budget
 * check's view of the spend are updated once the transaction commits.
 */
@Component
public class CostLedger {

	static final String RECORD = """
			WITH tracked AS (
				INSERT INTO agents.cost_tracking (task_id, agent_name, user_id, tenant_id, project_id, workflow_id,
					model_provider, model_name, input_tokens, output_tokens, total_tokens, input_cost_usd,
					output_cost_usd, total_cost_usd, latency_ms, status, context, created_at)
				VALUES (:taskId, :agentName, :userId, :tenantId, :projectId, :workflowId, :provider, :model,
					:inputTokens, :outputTokens, :totalTokens, :inputCost, :outputCost, :totalCost, :latencyMs,
					:status, CAST(:context AS jsonb), :now)
			),
			spent AS (
				UPDATE agents.cost_budgets b
				SET current_spend_usd = CASE WHEN b.period_start = p.period_start THEN b.current_spend_usd ELSE 0 END
						+ :totalCost,
					last_reset_at = CASE WHEN b.period_start = p.period_start THEN b.last_reset_at ELSE :now END,
					period_start = p.period_start,
					period_end = p.period_end
				FROM (VALUES ('daily', CAST(:dayStart AS timestamptz), CAST(:dayEnd AS timestamptz)),
					('monthly', CAST(:monthStart AS timestamptz), CAST(:monthEnd AS timestamptz)))
					AS p (budget_type, period_start, period_end)
				WHERE b.tenant_id = :tenantId AND b.budget_type = p.budget_type AND b.is_active
				RETURNING b.id, b.budget_type, b.budget_amount_usd, b.current_spend_usd, b.period_start,
					b.budget_amount_usd * b.alert_threshold_pct / 100 AS alert_at
			),
			crossed AS (
				SELECT s.*, CASE
						WHEN s.current_spend_usd >= s.budget_amount_usd
							AND s.current_spend_usd - :totalCost < s.budget_amount_usd THEN 'exceeded'
						WHEN s.current_spend_usd >= s.alert_at AND s.current_spend_usd - :totalCost < s.alert_at
							THEN 'warning'
					END AS alert_type
				FROM spent s
			),
			alerted AS (
				INSERT INTO agents.cost_alerts (budget_id, tenant_id, alert_type, threshold_pct, current_spend_usd,
					budget_amount_usd, message, created_at)
				SELECT c.id, :tenantId, c.alert_type, c.used_pct::integer, c.current_spend_usd, c.budget_amount_usd,
					format('Budget %s: %s%% utilized ($%s of $%s)', c.alert_type, round(c.used_pct, 1),
						round(c.current_spend_usd, 2), round(c.budget_amount_usd, 2)), :now
				FROM (SELECT crossed.*, LEAST(floor(current_spend_usd * 100 / budget_amount_usd), 2147483647) AS used_pct
					FROM crossed WHERE alert_type IS NOT NULL) c
				RETURNING id, budget_id
			)
			SELECT c.id, c.budget_type, c.budget_amount_usd, c.current_spend_usd, c.period_start, c.alert_type,
				a.id AS alert_id
			FROM crossed c LEFT JOIN alerted a ON a.budget_id = c.id
			""";

	private final JdbcClient jdbc;

	private final CostCalculator calculator;

	private final BudgetGuard guard;

	private final CostMetrics metrics;

	private final JsonMapper json;

	private final Clock clock;

	CostLedger(JdbcClient jdbc, CostCalculator calculator, BudgetGuard guard, CostMetrics metrics, JsonMapper json,
			Clock clock) {
		this.jdbc = jdbc;
		this.calculator = calculator;
		this.guard = guard;
		this.metrics = metrics;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Price a run and record its cost in the current transaction, which must belong to
	 * the entry's tenant.
	 * @param entry the run's use of the LLM
	 * @return the cost and the tenant's budget status after the run
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public CostInfo record(CostEntry entry) {
		CostBreakdown cost = this.calculator.calculate(entry.provider(), entry.model(), entry.inputTokens(),
				entry.outputTokens());
		// PostgreSQL keeps microseconds and would round a finer instant, even into the
		// next day; the row and the budget periods use the same truncated instant
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Spend> spends = this.jdbc.sql(RECORD)
			.param("taskId", cut(entry.taskId(), 255))
			.param("agentName", cut(entry.agentName(), 100))
			.param("userId", entry.userId(), Types.OTHER)
			.param("tenantId", entry.tenantId())
			.param("projectId", cutOrNull(entry.projectId(), 255), Types.VARCHAR)
			.param("workflowId", cutOrNull(entry.workflowId(), 255), Types.VARCHAR)
			.param("provider", cut(cost.provider(), 50))
			.param("model", cut(entry.model(), 100))
			.param("inputTokens", cost.inputTokens())
			.param("outputTokens", cost.outputTokens())
			.param("totalTokens", cost.totalTokens())
			.param("inputCost", cost.inputCost())
			.param("outputCost", cost.outputCost())
			.param("totalCost", cost.totalCost())
			.param("latencyMs", entry.latencyMs(), Types.INTEGER)
			.param("status", entry.status().value())
			.param("context", entry.context().isEmpty() ? null : this.json.writeValueAsString(entry.context()),
					Types.VARCHAR)
			.param("now", utc(now))
			.param("dayStart", utc(BudgetPeriod.DAILY.start(now)))
			.param("dayEnd", utc(BudgetPeriod.DAILY.end(now)))
			.param("monthStart", utc(BudgetPeriod.MONTHLY.start(now)))
			.param("monthEnd", utc(BudgetPeriod.MONTHLY.end(now)))
			.query(CostLedger::spend)
			.list();
		afterCommit(entry, cost, spends);
		return new CostInfo(entry.taskId(), cost.totalCost(), cost.inputCost(), cost.outputCost(), cost.totalTokens(),
				status(spends));
	}

	private static CostInfo.BudgetStatus status(List<Spend> spends) {
		if (spends.isEmpty()) {
			return CostInfo.BudgetStatus.WITHIN;
		}
		boolean exceeded = false;
		List<CostInfo.Alert> alerts = new ArrayList<>();
		for (Spend spend : spends) {
			exceeded |= spend.budget().spend().compareTo(spend.budget().limit()) >= 0;
			if (spend.alertType() != null) {
				alerts.add(new CostInfo.Alert(spend.budgetId(), spend.alertType()));
			}
		}
		return new CostInfo.BudgetStatus(!exceeded, exceeded, List.copyOf(alerts));
	}

	private void afterCommit(CostEntry entry, CostBreakdown cost, List<Spend> spends) {
		List<BudgetState> budgets = spends.stream().map(Spend::budget).toList();
		Runnable committed = () -> {
			this.guard.remember(entry.tenantId(), budgets);
			this.metrics.cost(entry.agentName(), cost.provider(), cost.totalCost().doubleValue());
			for (Spend spend : spends) {
				if (spend.alertType() != null) {
					this.metrics.alert(spend.alertType());
				}
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					committed.run();
				}

			});
		}
		else {
			committed.run();
		}
	}

	private static Spend spend(ResultSet rs, int row) throws SQLException {
		BudgetState budget = BudgetGuard.budget(rs, row);
		return new Spend(rs.getObject("id", UUID.class), budget, rs.getString("alert_type"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String cut(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

	private static @Nullable String cutOrNull(@Nullable String value, int max) {
		return (value != null) ? cut(value, max) : null;
	}

	/**
	 * A budget's spend after the run, and the alert the run raised on it.
	 *
	 * @param budgetId the budget
	 * @param budget the budget and its new spend
	 * @param alertType the alert raised, if any
	 */
	private record Spend(UUID budgetId, BudgetState budget, @Nullable String alertType) {

	}

}
