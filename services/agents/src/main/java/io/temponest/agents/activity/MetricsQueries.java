package io.temponest.agents.activity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.agents.activity.ObservabilityMetrics.AgentRunCount;
import io.temponest.agents.activity.ObservabilityMetrics.MetricsCharts;
import io.temponest.agents.activity.ObservabilityMetrics.FailedRun;
import io.temponest.agents.activity.ObservabilityMetrics.RunStatusCount;
import io.temponest.agents.activity.ObservabilityMetrics.MetricsSummary;
import io.temponest.security.tenant.TenantQueries;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * The observability page's run metrics of the caller's tenant, in one statement: counts
 * of the runs running and pending, the runs finished in the last hour, the charts of the
 * runs created in the last 24 hours, and the runs that failed in the last hour.
 */
@Repository
class MetricsQueries {

	/** Most recent errors shown. */
	static final int RECENT_ERRORS = 10;

	static final String METRICS = """
			WITH last_day AS (
				SELECT status, step, started_at, finished_at FROM agents.project_runs
				WHERE tenant_id = :tenant AND created_at >= now() - interval '24 hours'
			), last_hour AS (
				SELECT count(*) AS finished, count(*) FILTER (WHERE status = 'success') AS successful,
					avg(extract(epoch FROM finished_at - started_at)) FILTER (WHERE status IN ('success', 'failed'))
						AS avg_duration
				FROM agents.project_runs WHERE tenant_id = :tenant AND finished_at >= now() - interval '1 hour'
			)
			SELECT
				(SELECT count(*) FROM agents.project_runs WHERE tenant_id = :tenant AND status = 'running') AS active_jobs,
				(SELECT count(*) FROM agents.project_runs WHERE tenant_id = :tenant AND status = 'pending') AS queue_depth,
				(SELECT count(*) FROM last_day) AS runs_today,
				h.finished, h.successful, h.avg_duration,
				(SELECT json_agg(json_build_object('status', s.status, 'count', s.n) ORDER BY s.n DESC, s.status)
				 FROM (SELECT status, count(*) AS n FROM last_day GROUP BY status) s)::text AS statuses,
				(SELECT json_agg(json_build_object('agent', g.agent, 'count', g.n, 'successful', g.successful,
					'failed', g.failed, 'avg_duration', g.avg_duration) ORDER BY g.n DESC, g.agent)
				 FROM (SELECT AGENT_CASE AS agent, count(*) AS n, count(*) FILTER (WHERE status = 'success') AS successful,
					count(*) FILTER (WHERE status = 'failed') AS failed,
					avg(extract(epoch FROM finished_at - started_at)) AS avg_duration
					FROM last_day GROUP BY 1) g)::text AS agents,
				(SELECT json_agg(json_build_object('id', e.id, 'project_id', e.project_id, 'project_name', p.name,
					'project_slug', p.slug, 'step', e.step, 'finished_at', e.finished_at, 'preview', e.preview)
					ORDER BY e.finished_at DESC, e.id DESC)
				 FROM (SELECT id, project_id, step, finished_at, left(logs, 200) AS preview FROM agents.project_runs
					WHERE tenant_id = :tenant AND status = 'failed' AND finished_at >= now() - interval '1 hour'
					ORDER BY finished_at DESC, id DESC LIMIT RECENT_ERRORS) e
				 JOIN agents.projects p ON p.id = e.project_id)::text AS errors
			FROM last_hour h"""
		.replace("AGENT_CASE", AgentNames.SQL_CASE)
		.replace("RECENT_ERRORS", String.valueOf(RECENT_ERRORS));

	private static final TypeReference<List<Map<String, @Nullable Object>>> ROWS = new TypeReference<>() {
	};

	private final TenantQueries queries;

	private final JsonMapper json;

	MetricsQueries(TenantQueries queries, JsonMapper json) {
		this.queries = queries;
		this.json = json;
	}

	ObservabilityMetrics metrics(UUID tenant) {
		return this.queries
			.queryOptional(METRICS, new MapSqlParameterSource("tenant", tenant), (rs, row) -> metrics(rs))
			.orElseThrow();
	}

	private ObservabilityMetrics metrics(ResultSet rs) throws SQLException {
		long finished = rs.getLong("finished");
		long avgDuration = seconds(rs.getBigDecimal("avg_duration"));
		double successRate = (finished > 0) ? round(rs.getLong("successful") * 100.0 / finished, 1) : 0;
		MetricsSummary summary = new MetricsSummary(rs.getLong("active_jobs"), rs.getLong("queue_depth"), avgDuration,
				formatted(avgDuration), successRate, rs.getLong("runs_today"));
		long today = rs.getLong("runs_today");
		List<RunStatusCount> statuses = new ArrayList<>();
		for (Map<String, @Nullable Object> row : rows(rs.getString("statuses"))) {
			long count = number(row, "count").longValue();
			statuses
				.add(new RunStatusCount(text(row, "status"), count, (today > 0) ? round(count * 100.0 / today, 2) : 0));
		}
		List<AgentRunCount> agents = new ArrayList<>();
		for (Map<String, @Nullable Object> row : rows(rs.getString("agents"))) {
			Number duration = (Number) row.get("avg_duration");
			agents.add(new AgentRunCount(text(row, "agent"), number(row, "count").longValue(),
					number(row, "successful").longValue(), number(row, "failed").longValue(),
					(duration != null) ? Math.round(duration.doubleValue()) : 0));
		}
		List<FailedRun> errors = new ArrayList<>();
		for (Map<String, @Nullable Object> row : rows(rs.getString("errors"))) {
			Object preview = row.get("preview");
			errors.add(new FailedRun(UUID.fromString(text(row, "id")), UUID.fromString(text(row, "project_id")),
					text(row, "project_name"), text(row, "project_slug"), text(row, "step"),
					OffsetDateTime.parse(text(row, "finished_at")).toInstant(),
					(preview != null) ? preview.toString() : null));
		}
		return new ObservabilityMetrics(summary, new MetricsCharts(statuses, agents), errors);
	}

	private List<Map<String, @Nullable Object>> rows(@Nullable String text) {
		return (text != null) ? this.json.readValue(text, ROWS) : List.of();
	}

	private static String text(Map<String, @Nullable Object> row, String key) {
		Object value = row.get(key);
		if (value == null) {
			throw new IllegalStateException("A metrics row without " + key);
		}
		return value.toString();
	}

	private static Number number(Map<String, @Nullable Object> row, String key) {
		if (row.get(key) instanceof Number value) {
			return value;
		}
		throw new IllegalStateException("A metrics row without " + key);
	}

	private static long seconds(@Nullable BigDecimal value) {
		return (value != null) ? value.setScale(0, RoundingMode.HALF_UP).longValue() : 0;
	}

	private static double round(double value, int decimals) {
		return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
	}

	/**
	 * A duration as the console shows it.
	 * @param seconds whole seconds
	 * @return {@code Ns} under a minute, {@code Mm Ss} under an hour, else {@code Hh Mm}
	 */
	static String formatted(long seconds) {
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + "m " + (seconds % 60) + "s";
		}
		return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
	}

}
