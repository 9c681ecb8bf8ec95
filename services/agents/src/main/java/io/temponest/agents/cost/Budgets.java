package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.security.tenant.TenantQueries;
import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A tenant's daily and monthly budgets: their limits and alert threshold, and how much of
 * them the current UTC day and month have used.
 */
@Component
class Budgets {

	private static final String CONFIG = """
			SELECT budget_type, budget_amount_usd, alert_threshold_pct, is_active
			FROM agents.cost_budgets
			WHERE tenant_id = :tenantId
			""";

	/**
	 * Set a limit: a new or re-activated budget (or one whose period has passed) starts
	 * with what the tenant already spent in the current period; an active one keeps its
	 * spend.
	 */
	private static final String SET_LIMIT = """
			INSERT INTO agents.cost_budgets AS b (tenant_id, budget_type, budget_amount_usd, current_spend_usd,
				period_start, period_end, alert_threshold_pct, is_active, last_reset_at, created_by)
			VALUES (:tenantId, :type, :limit,
				(SELECT COALESCE(sum(total_cost_usd), 0) FROM agents.cost_tracking
					WHERE tenant_id = :tenantId AND created_at >= :start AND created_at < :end),
				:start, :end, :pct, true, :now, :userId)
			ON CONFLICT (tenant_id, budget_type) DO UPDATE SET
				budget_amount_usd = EXCLUDED.budget_amount_usd,
				alert_threshold_pct = EXCLUDED.alert_threshold_pct,
				current_spend_usd = CASE WHEN b.is_active AND b.period_start = EXCLUDED.period_start
					THEN b.current_spend_usd ELSE EXCLUDED.current_spend_usd END,
				last_reset_at = CASE WHEN b.is_active AND b.period_start = EXCLUDED.period_start
					THEN b.last_reset_at ELSE EXCLUDED.last_reset_at END,
				period_start = EXCLUDED.period_start,
				period_end = EXCLUDED.period_end,
				is_active = true,
				updated_at = now()
			""";

	private static final String CLEAR_LIMIT = """
			UPDATE agents.cost_budgets SET is_active = false, alert_threshold_pct = :pct, updated_at = now()
			WHERE tenant_id = :tenantId AND budget_type = :type
			""";

	private static final String ALERTS = """
			SELECT a.id, b.budget_type, a.alert_type, a.threshold_pct, a.current_spend_usd, a.budget_amount_usd,
				a.message, a.created_at
			FROM agents.cost_alerts a JOIN agents.cost_budgets b ON b.id = a.budget_id
			WHERE a.tenant_id = :tenantId
				AND a.created_at >= CASE b.budget_type WHEN 'daily' THEN :dayStart ELSE :monthStart END
			ORDER BY a.created_at DESC
			LIMIT 50
			""";

	private final TenantQueries queries;

	private final TenantTransactions transactions;

	private final JdbcClient jdbc;

	private final CostReports reports;

	private final BudgetGuard guard;

	private final Clock clock;

	Budgets(TenantQueries queries, TenantTransactions transactions, JdbcClient jdbc, CostReports reports,
			BudgetGuard guard, Clock clock) {
		this.queries = queries;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.reports = reports;
		this.guard = guard;
		this.clock = clock;
	}

	BudgetConfig config(UUID tenantId) {
		Map<BudgetPeriod, BigDecimal> limits = new EnumMap<>(BudgetPeriod.class);
		BigDecimal[] threshold = { null };
		this.queries.query(tenantId, CONFIG, new MapSqlParameterSource("tenantId", tenantId), (rs, row) -> {
			boolean active = rs.getBoolean("is_active");
			if (active) {
				limits.put(BudgetPeriod.of(rs.getString("budget_type")), rs.getBigDecimal("budget_amount_usd"));
			}
			if (active || threshold[0] == null) {
				threshold[0] = rs.getBigDecimal("alert_threshold_pct");
			}
			return row;
		});
		return new BudgetConfig(number(limits.get(BudgetPeriod.DAILY)), number(limits.get(BudgetPeriod.MONTHLY)),
				(threshold[0] != null) ? threshold[0].movePointLeft(2).doubleValue()
						: BudgetConfig.DEFAULT_ALERT_THRESHOLD);
	}

	BudgetConfig set(UUID tenantId, @Nullable UUID userId, BudgetConfig config) {
		Instant now = this.clock.instant();
		BigDecimal pct = BigDecimal.valueOf(config.threshold()).movePointRight(2).setScale(6, RoundingMode.HALF_EVEN);
		this.transactions.run(tenantId, () -> {
			setLimit(tenantId, userId, BudgetPeriod.DAILY, config.dailyLimitUsd(), pct, now);
			setLimit(tenantId, userId, BudgetPeriod.MONTHLY, config.monthlyLimitUsd(), pct, now);
		});
		this.guard.forget(tenantId);
		return config(tenantId);
	}

	private void setLimit(UUID tenantId, @Nullable UUID userId, BudgetPeriod period, @Nullable Double limit,
			BigDecimal pct, Instant now) {
		if (limit == null) {
			this.jdbc.sql(CLEAR_LIMIT)
				.param("tenantId", tenantId)
				.param("type", period.type())
				.param("pct", pct)
				.update();
			return;
		}
		this.jdbc.sql(SET_LIMIT)
			.param("tenantId", tenantId)
			.param("type", period.type())
			.param("limit", BigDecimal.valueOf(limit).setScale(CostCalculator.SCALE, RoundingMode.HALF_EVEN))
			.param("start", utc(period.start(now)))
			.param("end", utc(period.end(now)))
			.param("pct", pct)
			.param("now", utc(now))
			.param("userId", userId, Types.OTHER)
			.update();
	}

	/**
	 * The usage of the current UTC day and month: {@code *_usage} always, and
	 * {@code *_limit} with {@code *_percentage} (a fraction of the limit) when that limit
	 * is set; {@code alerts_triggered} lists the alerts of the current periods, newest
	 * first.
	 */
	Map<String, Object> status(UUID tenantId) {
		Instant now = this.clock.instant();
		Map<BudgetPeriod, BudgetState> active = new EnumMap<>(BudgetPeriod.class);
		for (BudgetState budget : this.queries.query(tenantId, BudgetGuard.ACTIVE_BUDGETS,
				new MapSqlParameterSource("tenantId", tenantId), BudgetGuard::budget)) {
			active.put(budget.period(), budget);
		}
		Map<String, Object> status = new LinkedHashMap<>();
		for (BudgetPeriod period : BudgetPeriod.values()) {
			BudgetState budget = active.get(period);
			BigDecimal usage = (budget != null) ? budget.spendAt(now)
					: this.reports.total(tenantId, new CostPeriod(period.start(now), period.end(now)));
			String prefix = period.type() + "_";
			status.put(prefix + "usage", usage.doubleValue());
			if (budget != null) {
				status.put(prefix + "limit", budget.limit().doubleValue());
				status.put(prefix + "percentage",
						usage.divide(budget.limit(), CostCalculator.SCALE, RoundingMode.HALF_EVEN).doubleValue());
			}
		}
		status.put("alerts_triggered", alerts(tenantId, now));
		return status;
	}

	private List<Map<String, Object>> alerts(UUID tenantId, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource("tenantId", tenantId)
			.addValue("dayStart", utc(BudgetPeriod.DAILY.start(now)))
			.addValue("monthStart", utc(BudgetPeriod.MONTHLY.start(now)));
		return new ArrayList<>(this.queries.query(tenantId, ALERTS, params, (rs, row) -> {
			Map<String, Object> alert = new LinkedHashMap<>();
			alert.put("id", rs.getObject("id", UUID.class).toString());
			alert.put("budget_type", rs.getString("budget_type"));
			alert.put("alert_type", rs.getString("alert_type"));
			alert.put("threshold_pct", rs.getInt("threshold_pct"));
			alert.put("current_spend_usd", rs.getBigDecimal("current_spend_usd").doubleValue());
			alert.put("budget_amount_usd", rs.getBigDecimal("budget_amount_usd").doubleValue());
			alert.put("message", rs.getString("message"));
			alert.put("created_at", rs.getObject("created_at", OffsetDateTime.class).toInstant().toString());
			return alert;
		}));
	}

	private static @Nullable Double number(@Nullable BigDecimal value) {
		return (value != null) ? value.doubleValue() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
