package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.temponest.scheduler.execution.Lease;
import io.temponest.security.database.Rows;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Claims ready executions of every tenant (pending attempts that are due, and running
 * ones whose lease expired) in one statement with {@code FOR UPDATE SKIP LOCKED}: each
 * becomes running under this instance's lease. The instance renews the leases of its runs
 * in flight, all in one statement.
 */
@Component
class ExecutionClaims {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ExecutionClaims(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<ClaimedExecution> claim(String owner, Instant now, int limit, Duration lease) {
		return this.jdbc.sql("""
				SELECT id, tenant_id, user_id, scheduled_task_id, attempt, lease_expired, scheduled_for, started_at,
					agent_name, task_payload::text AS task_payload, project_id, workflow_id, timeout_seconds,
					max_retries, retry_delay_seconds
				FROM scheduler.claim_executions(:owner, :now, :limit, CAST(:lease AS interval))
				""")
			.param("owner", owner)
			.param("now", Rows.timestamp(now))
			.param("limit", limit)
			.param("lease", interval(lease))
			.query((rs, row) -> new ClaimedExecution(
					new Lease(rs.getObject("id", UUID.class), owner, rs.getInt("attempt")),
					rs.getObject("tenant_id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getObject("scheduled_task_id", UUID.class), rs.getBoolean("lease_expired"),
					Rows.requiredInstant(rs, "scheduled_for"), Rows.requiredInstant(rs, "started_at"),
					rs.getString("agent_name"), this.json.readTree(rs.getString("task_payload")),
					rs.getString("project_id"), rs.getString("workflow_id"), rs.getInt("timeout_seconds"),
					rs.getInt("max_retries"), rs.getInt("retry_delay_seconds")))
			.list();
	}

	/**
	 * Extend the leases this instance still holds among the given attempts to
	 * {@code now + lease}.
	 * @param owner this instance
	 * @param now the present
	 * @param lease the lease duration
	 * @param leases the attempts in flight
	 * @return the executions whose lease was renewed; the others were taken over (or
	 * finished)
	 */
	Set<UUID> renew(String owner, Instant now, Duration lease, Collection<Lease> leases) {
		if (leases.isEmpty()) {
			return Set.of();
		}
		Object[] ids = leases.stream().map((held) -> held.executionId().toString()).toArray();
		Object[] attempts = leases.stream().map((held) -> Integer.toString(held.attempt())).toArray();
		return new HashSet<>(this.jdbc.sql("""
				SELECT scheduler.renew_leases(:owner, :now, CAST(:lease AS interval), CAST(:ids AS uuid[]),
					CAST(:attempts AS integer[]))
				""")
			.param("owner", owner)
			.param("now", Rows.timestamp(now))
			.param("lease", interval(lease))
			.param("ids", new SqlArrayValue("text", ids))
			.param("attempts", new SqlArrayValue("text", attempts))
			.query(UUID.class)
			.list());
	}

	private static String interval(Duration duration) {
		return duration.toMillis() + " milliseconds";
	}

}
