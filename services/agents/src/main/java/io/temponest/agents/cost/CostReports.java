package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.temponest.security.tenant.TenantQueries;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The cost reports' reads of {@code agents.cost_tracking}: each one statement over one
 * tenant's rows in a time range, sent with the tenant in one round trip; the aggregations
 * are index-only scans of {@code idx_cost_tenant_date}.
 */
@Repository
class CostReports {

	/** Rows of an export at most. */
	static final int EXPORT_LIMIT = 100_000;

	static final String RANGE = "tenant_id = :tenantId AND created_at >= :from AND created_at < :until";

	static final String SUMMARY = """
			SELECT GROUPING(model_provider, model_name, agent_name) AS grouping_set, model_provider, model_name,
				agent_name, COALESCE(sum(total_cost_usd), 0) AS cost, COALESCE(sum(input_tokens), 0) AS input_tokens,
				COALESCE(sum(output_tokens), 0) AS output_tokens
			FROM agents.cost_tracking
			WHERE %s
				AND (CAST(:agent AS varchar) IS NULL OR agent_name = :agent)
				AND (CAST(:project AS varchar) IS NULL OR project_id = :project)
			GROUP BY GROUPING SETS ((), (model_provider), (model_name), (agent_name))
			""".formatted(RANGE);

	static final String PER_UNIT = """
			SELECT date_trunc(:unit, created_at AT TIME ZONE 'UTC') AS unit_start, sum(total_cost_usd) AS cost
			FROM agents.cost_tracking
			WHERE %s
			GROUP BY 1
			""".formatted(RANGE);

	static final String TOTAL = "SELECT COALESCE(sum(total_cost_usd), 0) FROM agents.cost_tracking WHERE " + RANGE;

	static final String PER_KEY = """
			SELECT %s AS key, sum(total_cost_usd) AS cost
			FROM agents.cost_tracking
			WHERE %s
			GROUP BY 1
			ORDER BY 2 DESC, 1
			LIMIT :limit
			""";

	static final String EXPORT = """
			SELECT created_at, task_id, agent_name, user_id, project_id, workflow_id, model_provider, model_name,
				input_tokens, output_tokens, total_tokens, input_cost_usd, output_cost_usd, total_cost_usd, latency_ms,
				status
			FROM agents.cost_tracking
			WHERE %s
			ORDER BY created_at, id
			LIMIT :limit
			""".formatted(RANGE);

	private final TenantQueries queries;

	CostReports(TenantQueries queries) {
		this.queries = queries;
	}

	CostSummary summary(UUID tenantId, CostPeriod period, @Nullable String agent, @Nullable String project) {
		MapSqlParameterSource params = range(tenantId, period).addValue("agent", agent, Types.VARCHAR)
			.addValue("project", project, Types.VARCHAR);
		Map<String, Double> byProvider = new LinkedHashMap<>();
		Map<String, Double> byModel = new LinkedHashMap<>();
		Map<String, Double> byAgent = new LinkedHashMap<>();
		double[] total = { 0 };
		long[] tokens = { 0, 0 };
		this.queries.query(tenantId, SUMMARY, params, (rs, row) -> {
			double cost = rs.getBigDecimal("cost").doubleValue();
			switch (rs.getInt("grouping_set")) {
				case 0b011 -> byProvider.put(rs.getString("model_provider"), cost);
				case 0b101 -> byModel.put(rs.getString("model_name"), cost);
				case 0b110 -> byAgent.put(rs.getString("agent_name"), cost);
				default -> {
					total[0] = cost;
					tokens[0] = rs.getLong("input_tokens");
					tokens[1] = rs.getLong("output_tokens");
				}
			}
			return row;
		});
		Map<String, Long> totalTokens = new LinkedHashMap<>();
		totalTokens.put("input", tokens[0]);
		totalTokens.put("output", tokens[1]);
		return new CostSummary(total[0], byProvider, byModel, byAgent, totalTokens, period.from(), period.until());
	}

	/**
	 * The cost per UTC day or hour of a period (units without costs are absent).
	 * @param tenantId the tenant
	 * @param period the period
	 * @param unit {@code day} or {@code hour}
	 * @param each receives each unit's start and cost
	 */
	void perUnit(UUID tenantId, CostPeriod period, String unit, Consumer<UnitCost> each) {
		this.queries.query(tenantId, PER_UNIT, range(tenantId, period).addValue("unit", unit), (rs, row) -> {
			each.accept(new UnitCost(rs.getObject("unit_start", LocalDateTime.class).toInstant(ZoneOffset.UTC),
					rs.getBigDecimal("cost")));
			return row;
		});
	}

	BigDecimal total(UUID tenantId, CostPeriod period) {
		return this.queries.queryOptional(tenantId, TOTAL, range(tenantId, period), (rs, row) -> rs.getBigDecimal(1))
			.orElse(BigDecimal.ZERO);
	}

	/**
	 * The cost per agent, provider or model, highest first.
	 * @param tenantId the tenant
	 * @param period the period
	 * @param key the grouping
	 * @param limit the number of keys at most
	 * @return the costs by key
	 */
	Map<String, Double> perKey(UUID tenantId, CostPeriod period, CostKey key, int limit) {
		Map<String, Double> costs = new LinkedHashMap<>();
		this.queries.query(tenantId, PER_KEY.formatted(key.column(), RANGE),
				range(tenantId, period).addValue("limit", limit), (rs, row) -> {
					costs.put(rs.getString("key"), rs.getBigDecimal("cost").doubleValue());
					return row;
				});
		return costs;
	}

	List<ExportRow> export(UUID tenantId, CostPeriod period) {
		return this.queries.query(tenantId, EXPORT, range(tenantId, period).addValue("limit", EXPORT_LIMIT),
				CostReports::exportRow);
	}

	static MapSqlParameterSource range(UUID tenantId, CostPeriod period) {
		return new MapSqlParameterSource().addValue("tenantId", tenantId)
			.addValue("from", period.from().atOffset(ZoneOffset.UTC))
			.addValue("until", period.until().atOffset(ZoneOffset.UTC));
	}

	private static ExportRow exportRow(ResultSet rs, int row) throws SQLException {
		return new ExportRow(rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("task_id"),
				rs.getString("agent_name"), rs.getString("user_id"), rs.getString("project_id"),
				rs.getString("workflow_id"), rs.getString("model_provider"), rs.getString("model_name"),
				rs.getInt("input_tokens"), rs.getInt("output_tokens"), rs.getInt("total_tokens"),
				rs.getBigDecimal("input_cost_usd"), rs.getBigDecimal("output_cost_usd"),
				rs.getBigDecimal("total_cost_usd"), (Integer) rs.getObject("latency_ms"), rs.getString("status"));
	}

	/** The columns a cost can be grouped by. */
	enum CostKey {

		AGENT("agent_name"), PROVIDER("model_provider"), MODEL("model_name");

		private final String column;

		CostKey(String column) {
			this.column = column;
		}

		String column() {
			return this.column;
		}

	}

	/**
	 * The cost of a UTC day or hour.
	 *
	 * @param start the start of the day or hour
	 * @param cost the cost
	 */
	record UnitCost(Instant start, BigDecimal cost) {

	}

	/** A cost row as exported. */
	record ExportRow(Instant createdAt, String taskId, String agentName, @Nullable String userId,
			@Nullable String projectId, @Nullable String workflowId, String provider, String model, int inputTokens,
			int outputTokens, int totalTokens, @Nullable BigDecimal inputCost, @Nullable BigDecimal outputCost,
			@Nullable BigDecimal totalCost, @Nullable Integer latencyMs, @Nullable String status) {

	}

}
