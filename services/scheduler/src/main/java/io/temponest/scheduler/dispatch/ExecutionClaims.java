package io.temponest.scheduler.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.temponest.scheduler.execution.Lease;
import io.temponest.scheduler.support.Timestamps;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Claims ready executions of every tenant (pending attempts that are due, and running
 * ones whose lease expired) in one statement with {@code FOR UPDATE SKIP LOCKED}: each
 * becomes running under this instance's lease.
 */
@Component
class ExecutionClaims {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ExecutionClaims(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<ClaimedExecution> claim(String owner, Instant now, int limit, int graceSeconds) {
		return this.jdbc.sql("""
				SELECT id, tenant_id, user_id, scheduled_task_id, attempt, lease_expired, scheduled_for, started_at,
					agent_name, task_payload::text AS task_payload, project_id, workflow_id, timeout_seconds,
					max_retries, retry_delay_seconds
				FROM scheduler.claim_executions(:owner, :now, :limit, :grace)
				""")
			.param("owner", owner)
			.param("now", Timestamps.parameter(now))
			.param("limit", limit)
			.param("grace", graceSeconds)
			.query((rs, row) -> new ClaimedExecution(
					new Lease(rs.getObject("id", UUID.class), owner, rs.getInt("attempt")),
					rs.getObject("tenant_id", UUID.class), rs.getObject("user_id", UUID.class),
					rs.getObject("scheduled_task_id", UUID.class), rs.getBoolean("lease_expired"),
					Timestamps.readRequired(rs, "scheduled_for"), Timestamps.readRequired(rs, "started_at"),
					rs.getString("agent_name"), this.json.readTree(rs.getString("task_payload")),
					rs.getString("project_id"), rs.getString("workflow_id"), rs.getInt("timeout_seconds"),
					rs.getInt("max_retries"), rs.getInt("retry_delay_seconds")))
			.list();
	}

}
