package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.temponest.security.tenant.TenantQueries;

import org.springframework.stereotype.Component;

/**
 * The web dashboard's cost reads: a period's totals and the executions per UTC day and
 * agent. Dates reach the database only as bound timestamps of a {@link CostPeriod}.
 */
@Component
class CostAnalytics {

	static final String TOTALS = """
			SELECT COALESCE(sum(total_cost_usd), 0) AS total_usd, COALESCE(sum(total_tokens), 0) AS total_tokens,
				count(*) AS total_executions
			FROM agents.cost_tracking
			WHERE %s""".formatted(CostReports.RANGE);

	static final String TIMELINE = """
			SELECT CAST(created_at AT TIME ZONE 'UTC' AS date) AS day, agent_name, count(*) AS executions,
				COALESCE(sum(total_tokens), 0) AS total_tokens, COALESCE(sum(total_cost_usd), 0) AS total_cost,
				avg(latency_ms) AS avg_latency, count(*) FILTER (WHERE status <> 'completed') AS failures
			FROM agents.cost_tracking
			WHERE %s
			GROUP BY 1, 2
			ORDER BY 1 DESC, 2""".formatted(CostReports.RANGE);

	private final TenantQueries queries;

	CostAnalytics(TenantQueries queries) {
		this.queries = queries;
	}

	CostTotals totals(UUID tenantId, CostPeriod period) {
		return this.queries
			.query(tenantId, TOTALS, CostReports.range(tenantId, period),
					(rs, row) -> new CostTotals(rs.getBigDecimal("total_usd").doubleValue(), rs.getLong("total_tokens"),
							rs.getLong("total_executions")))
			.get(0);
	}

	List<TimelineRow> timeline(UUID tenantId, CostPeriod period) {
		return this.queries.query(tenantId, TIMELINE, CostReports.range(tenantId, period), (rs, row) -> {
			BigDecimal latency = rs.getBigDecimal("avg_latency");
			return new TimelineRow(rs.getObject("day", LocalDate.class), rs.getString("agent_name"),
					rs.getLong("executions"), rs.getLong("total_tokens"), rs.getBigDecimal("total_cost").doubleValue(),
					(latency != null) ? latency.doubleValue() : null, rs.getLong("failures"));
		});
	}

}
