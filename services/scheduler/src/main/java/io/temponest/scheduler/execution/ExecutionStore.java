package io.temponest.scheduler.execution;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code scheduler.task_executions} table inside a transaction of one tenant. Results
 * are written only by the attempt that holds the lease: every finishing statement matches
 * the lease owner and attempt number, so a run whose lease expired and was taken over
 * cannot overwrite its successor.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class ExecutionStore {

	private static final String COLUMNS = """
			id, scheduled_task_id, execution_number, triggered_by::text AS triggered_by, status::text AS status,
			agent_task_id, agent_name, scheduled_for, next_attempt_at, attempts, started_at, completed_at, duration_ms,
			result::text AS result, error_message, tokens_used, cost_usd, retry_count, max_retries, created_at,
			updated_at""";

	private static final String FENCE = " WHERE id = :id AND status = 'running' AND lease_owner = :owner"
			+ " AND attempts = :attempt";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ExecutionStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Queue a manual run of an active schedule, numbered after its last execution.
	 * @param scheduleId the schedule
	 * @param userId the user who triggered it (the agent runs on their behalf)
	 * @param now the trigger instant
	 * @return the queued execution, or empty when the schedule is missing or inactive
	 */
	Optional<ExecutionRecord> queueManual(UUID scheduleId, UUID userId, Instant now) {
		return this.jdbc.sql("""
				WITH numbered AS (
					UPDATE scheduler.scheduled_tasks SET execution_seq = execution_seq + 1
					WHERE id = :schedule AND is_active
					RETURNING id, tenant_id, agent_name, max_retries, execution_seq
				)
				INSERT INTO scheduler.task_executions (scheduled_task_id, tenant_id, user_id, execution_number,
					triggered_by, status, agent_name, scheduled_for, next_attempt_at, max_retries)
				SELECT n.id, n.tenant_id, :user, n.execution_seq, 'manual', 'pending', n.agent_name, :now, :now,
					n.max_retries
				FROM numbered n
				RETURNING\s""" + COLUMNS)
			.param("schedule", scheduleId)
			.param("user", userId)
			.param("now", Rows.timestamp(now))
			.query(this::map)
			.optional();
	}

	/**
	 * A page of a schedule's executions, newest first.
	 * @param scheduleId the schedule
	 * @param status only this status, or all
	 * @param offset rows to skip
	 * @param limit rows at most
	 * @return the executions
	 */
	List<ExecutionRecord> list(UUID scheduleId, @Nullable ExecutionStatus status, long offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM scheduler.task_executions
				WHERE scheduled_task_id = :schedule
					AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS scheduler.execution_status))
				ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
				""")
			.param("schedule", scheduleId)
			.param("status", (status != null) ? status.value() : null)
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	/**
	 * How many executions a schedule has.
	 * @param scheduleId the schedule
	 * @param status only this status, or all
	 * @return the count
	 */
	long count(UUID scheduleId, @Nullable ExecutionStatus status) {
		return this.jdbc.sql("""
				SELECT count(*) FROM scheduler.task_executions
				WHERE scheduled_task_id = :schedule
					AND (CAST(:status AS text) IS NULL OR status = CAST(:status AS scheduler.execution_status))
				""")
			.param("schedule", scheduleId)
			.param("status", (status != null) ? status.value() : null)
			.query(Long.class)
			.single();
	}

	/**
	 * One execution.
	 * @param id the execution
	 * @return the execution, if visible to the tenant
	 */
	Optional<ExecutionRecord> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM scheduler.task_executions WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/**
	 * Record a completed attempt.
	 * @param lease the attempt
	 * @param at when it finished
	 * @param durationMs how long it took
	 * @param agentTaskId the agent's task id
	 * @param result the agent's result
	 * @param tokensUsed tokens reported
	 * @param costUsd cost reported
	 * @return whether the attempt still held its lease
	 */
	boolean complete(Lease lease, Instant at, long durationMs, @Nullable String agentTaskId, @Nullable JsonNode result,
			int tokensUsed, BigDecimal costUsd) {
		return lease.bind(this.jdbc.sql("""
				UPDATE scheduler.task_executions
				SET status = 'completed', completed_at = :at, duration_ms = :duration, agent_task_id = :agentTask,
					result = CAST(:result AS jsonb), tokens_used = :tokens, cost_usd = :cost, error_message = NULL,
					lease_owner = NULL, lease_expires_at = NULL""" + FENCE))
			.param("at", Rows.timestamp(at))
			.param("duration", durationMs)
			.param("agentTask", agentTaskId)
			.param("result", (result != null) ? this.json.writeValueAsString(result) : null)
			.param("tokens", tokensUsed)
			.param("cost", costUsd)
			.update() == 1;
	}

	/**
	 * Put a failed attempt back in the queue for a retry.
	 * @param lease the attempt
	 * @param nextAttempt when to retry
	 * @param durationMs how long the failed attempt took
	 * @param error why it failed
	 * @return whether the attempt still held its lease
	 */
	boolean retryLater(Lease lease, Instant nextAttempt, long durationMs, String error) {
		return lease.bind(this.jdbc.sql("""
				UPDATE scheduler.task_executions
				SET status = 'pending', next_attempt_at = :next, duration_ms = :duration, error_message = :error,
					retry_count = attempts, lease_owner = NULL, lease_expires_at = NULL""" + FENCE))
			.param("next", Rows.timestamp(nextAttempt))
			.param("duration", durationMs)
			.param("error", error)
			.update() == 1;
	}

	/**
	 * Record the final failure of an execution.
	 * @param lease the attempt
	 * @param status {@link ExecutionStatus#FAILED} or {@link ExecutionStatus#TIMEOUT}
	 * @param at when it failed
	 * @param durationMs how long the attempt took, if it ran
	 * @param error why
	 * @return whether the attempt still held its lease
	 */
	boolean fail(Lease lease, ExecutionStatus status, Instant at, @Nullable Long durationMs, String error) {
		return lease.bind(this.jdbc.sql("""
				UPDATE scheduler.task_executions
				SET status = CAST(:status AS scheduler.execution_status), completed_at = :at, duration_ms = :duration,
					error_message = :error, lease_owner = NULL, lease_expires_at = NULL""" + FENCE))
			.param("status", status.value())
			.param("at", Rows.timestamp(at))
			.param("duration", durationMs)
			.param("error", error)
			.update() == 1;
	}

	private ExecutionRecord map(ResultSet rs, int row) throws SQLException {
		String result = rs.getString("result");
		return new ExecutionRecord(rs.getObject("id", UUID.class), rs.getObject("scheduled_task_id", UUID.class),
				rs.getInt("execution_number"), rs.getString("triggered_by"), ExecutionStatus.of(rs.getString("status")),
				rs.getString("agent_task_id"), rs.getString("agent_name"), Rows.requiredInstant(rs, "scheduled_for"),
				Rows.requiredInstant(rs, "next_attempt_at"), rs.getInt("attempts"), Rows.instant(rs, "started_at"),
				Rows.instant(rs, "completed_at"), rs.getObject("duration_ms", Long.class),
				(result != null) ? this.json.readTree(result) : null, rs.getString("error_message"),
				rs.getInt("tokens_used"), rs.getBigDecimal("cost_usd"), rs.getInt("retry_count"),
				rs.getInt("max_retries"), Rows.requiredInstant(rs, "created_at"),
				Rows.requiredInstant(rs, "updated_at"));
	}

}
