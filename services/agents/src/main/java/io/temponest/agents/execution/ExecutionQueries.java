package io.temponest.agents.execution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.tenant.TenantQueries;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * Reads of {@code agents.agent_executions} for the caller's tenant, each one round trip
 * ({@link TenantQueries}); lists never read the answer's text or result.
 */
@Repository
class ExecutionQueries {

	private static final String SUMMARY_COLUMNS = """
			id, agent_id, agent_name, tenant_id, status::text AS status, user_message, context::text AS context,
			prompt_tokens, completion_tokens, cost_usd, latency_ms, provider, model, error, created_at, completed_at
			""";

	private static final String FILTER = "(CAST(:agent AS uuid) IS NULL OR agent_id = CAST(:agent AS uuid)) "
			+ "AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS agents.run_status))";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final TenantQueries queries;

	private final JsonMapper json;

	ExecutionQueries(TenantQueries queries, JsonMapper json) {
		this.queries = queries;
		this.json = json;
	}

	/** A page of executions and how many match. */
	record Page(List<AgentExecution> executions, long total) {

	}

	Optional<AgentExecution> find(UUID id) {
		return this.queries.queryOptional(
				"SELECT " + SUMMARY_COLUMNS + ", response, result::text AS result FROM agents.agent_executions "
						+ "WHERE id = :id",
				new MapSqlParameterSource("id", id),
				(rs, row) -> map(rs, rs.getString("response"), readObject(rs.getString("result"))));
	}

	Page list(@Nullable UUID agentId, @Nullable String status, long offset, int limit) {
		List<Counted> rows = this.queries.query(
				"SELECT " + SUMMARY_COLUMNS + ", count(*) OVER () AS matching FROM agents.agent_executions WHERE "
						+ FILTER + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset",
				filter(agentId, status).addValue("limit", limit).addValue("offset", offset),
				(rs, row) -> new Counted(map(rs, null, null), rs.getLong("matching")));
		if (rows.isEmpty()) {
			return new Page(List.of(), (offset > 0) ? count(agentId, status) : 0);
		}
		return new Page(rows.stream().map(Counted::execution).toList(), rows.get(0).total());
	}

	private long count(@Nullable UUID agentId, @Nullable String status) {
		return this.queries
			.queryOptional("SELECT count(*) FROM agents.agent_executions WHERE " + FILTER, filter(agentId, status),
					(rs, row) -> rs.getLong(1))
			.orElse(0L);
	}

	/**
	 * Both filters bound with their SQL types, so that a missing one binds as a given one
	 * would.
	 */
	private static MapSqlParameterSource filter(@Nullable UUID agentId, @Nullable String status) {
		return new MapSqlParameterSource().addValue("agent", agentId, Types.OTHER)
			.addValue("status", status, Types.VARCHAR);
	}

	/** A row of a page and how many rows match. */
	private record Counted(AgentExecution execution, long total) {

	}

	private AgentExecution map(ResultSet rs, @Nullable String response, @Nullable Map<String, Object> result)
			throws SQLException {
		Integer latency = rs.getObject("latency_ms", Integer.class);
		Timestamp completed = rs.getTimestamp("completed_at");
		return new AgentExecution(rs.getString("id"), rs.getString("agent_id"), rs.getString("agent_name"),
				rs.getString("tenant_id"), rs.getString("status"), rs.getString("user_message"), response, result,
				readObject(rs.getString("context")), List.of(),
				AgentExecution.tokens(rs.getInt("prompt_tokens"), rs.getInt("completion_tokens")),
				rs.getBigDecimal("cost_usd").doubleValue(), (latency != null) ? latency / 1000.0 : null,
				rs.getString("provider"), rs.getString("model"), rs.getString("error"),
				rs.getTimestamp("created_at").toInstant(), (completed != null) ? completed.toInstant() : null);
	}

	private Map<String, Object> readObject(@Nullable String text) {
		return (text != null) ? this.json.readValue(text, OBJECT) : Map.of();
	}

}
