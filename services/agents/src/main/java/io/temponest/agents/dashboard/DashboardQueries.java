package io.temponest.agents.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.temponest.agents.role.AgentRole;
import io.temponest.security.tenant.TenantQueries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The dashboard's reads of one tenant, each one statement in one round trip. The agent
 * roster is the seven built-in roles (bound as parameters) and the tenant's agents; each
 * agent's day is read from the executions index of that agent.
 */
@Component
class DashboardQueries {

	/** The window of "today" on the tiles and the cards. */
	static final Duration DAY = Duration.ofHours(24);

	private static final List<AgentRole> ROLES = List.of(AgentRole.values());

	/**
	 * Each agent with its executions of the day and its last execution, and its health.
	 */
	static final String CARDS = """
			WITH roster (id, name, built_in, position) AS (
				VALUES %s
				UNION ALL
				SELECT id, name, false, %d FROM agents.agents WHERE tenant_id = :tenant
			), days AS (
				SELECT roster.*, day.runs, day.succeeded, day.failed, last.created_at AS last_run_at,
					last.status::text AS last_run_status
				FROM roster
				CROSS JOIN LATERAL (
					SELECT count(*) AS runs, count(*) FILTER (WHERE e.status = 'completed') AS succeeded,
						count(*) FILTER (WHERE e.status = 'failed') AS failed
					FROM agents.agent_executions e
					WHERE e.tenant_id = :tenant AND e.agent_id = roster.id AND e.created_at >= :since
				) day
				LEFT JOIN LATERAL (
					SELECT e.created_at, e.status FROM agents.agent_executions e
					WHERE e.tenant_id = :tenant AND e.agent_id = roster.id
					ORDER BY e.created_at DESC, e.id DESC LIMIT 1
				) last ON true
			), cards AS (
				SELECT days.*, CASE
						WHEN last_run_status = 'failed' AND succeeded = 0 THEN 'down'
						WHEN last_run_status = 'failed' OR failed * 10 > runs THEN 'degraded'
						ELSE 'healthy' END AS health
				FROM days
			)
			""".formatted(IntStream.range(0, ROLES.size())
		.mapToObj((i) -> "(CAST(:role%d AS uuid), CAST(:roleName%d AS varchar), true, %d)".formatted(i, i, i))
		.collect(Collectors.joining(",\n\t\t")), ROLES.size());

	static final String CARD_LIST = CARDS + """
			SELECT * FROM cards ORDER BY position, name, id""";

	/**
	 * Every tile in one statement. Each window is measured on the clock that stamps its
	 * rows: the database's for runs, the service's for executions.
	 */
	static final String KPIS = CARDS
			+ """
					SELECT
						(SELECT count(*) FROM agents.projects WHERE tenant_id = :tenant) AS projects_total,
						(SELECT count(*) FROM agents.projects WHERE tenant_id = :tenant AND status <> 'idle') AS projects_active,
						(SELECT count(*) FROM agents.project_runs
							WHERE tenant_id = :tenant AND created_at >= now() - interval '24 hours') AS runs_today,
						(SELECT count(*) FROM agents.project_runs WHERE tenant_id = :tenant AND status = 'pending')
							AS queue_depth,
						(SELECT count(*) FROM agents.project_runs WHERE tenant_id = :tenant AND status = 'running')
							AS active_jobs,
						(SELECT count(*) FROM cards) AS agents_total,
						(SELECT count(*) FROM cards WHERE health = 'healthy') AS agents_healthy""";

	private final TenantQueries queries;

	private final Clock clock;

	DashboardQueries(TenantQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	Kpis kpis(UUID tenant) {
		Instant now = this.clock.instant();
		return this.queries.query(tenant, KPIS, params(tenant, now), (rs, row) -> {
			long agents = rs.getLong("agents_total");
			long healthy = rs.getLong("agents_healthy");
			return new Kpis(rs.getLong("projects_total"), rs.getLong("projects_active"), rs.getLong("runs_today"),
					rs.getLong("queue_depth"), rs.getLong("active_jobs"), agents, healthy, percent(healthy, agents),
					now);
		}).get(0);
	}

	AgentCards cards(UUID tenant) {
		return new AgentCards(
				this.queries.query(tenant, CARD_LIST, params(tenant, this.clock.instant()), (rs, row) -> card(rs)));
	}

	static MapSqlParameterSource params(UUID tenant, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource("tenant", tenant).addValue("since",
				OffsetDateTime.ofInstant(now.minus(DAY), ZoneOffset.UTC));
		for (int i = 0; i < ROLES.size(); i++) {
			params.addValue("role" + i, ROLES.get(i).id()).addValue("roleName" + i, ROLES.get(i).displayName());
		}
		return params;
	}

	private static AgentCard card(ResultSet rs) throws SQLException {
		long succeeded = rs.getLong("succeeded");
		long failed = rs.getLong("failed");
		Timestamp last = rs.getTimestamp("last_run_at");
		return new AgentCard(rs.getObject("id", UUID.class), rs.getString("name"), rs.getBoolean("built_in"),
				rs.getString("health"), (succeeded + failed > 0) ? percent(succeeded, succeeded + failed) : null,
				rs.getLong("runs"), failed, (last != null) ? last.toInstant() : null, rs.getString("last_run_status"));
	}

	private static double percent(long part, long whole) {
		if (whole == 0) {
			return 0.0;
		}
		return BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP).doubleValue();
	}

}
