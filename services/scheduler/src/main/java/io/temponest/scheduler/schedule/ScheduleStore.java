package io.temponest.scheduler.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code scheduler.scheduled_tasks} table, always inside a transaction of the
 * caller's tenant (row-level security filters every statement). Column lists are fixed in
 * code; no SQL is built from input.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class ScheduleStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ScheduleRows rows;

	ScheduleStore(JdbcClient jdbc, JsonMapper json, ScheduleRows rows) {
		this.jdbc = jdbc;
		this.json = json;
		this.rows = rows;
	}

	UUID insert(UUID tenantId, UUID userId, ScheduleDefinition definition, @Nullable Instant nextExecutionAt) {
		return this.jdbc.sql("""
				INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, created_by, name, description, schedule_type,
					cron_expression, interval_seconds, scheduled_time, timezone, agent_name, task_payload, project_id,
					workflow_id, timeout_seconds, max_retries, retry_delay_seconds, is_active, is_paused,
					next_execution_at, misfire_threshold_seconds)
				VALUES (:tenant, :user, :user, :name, :description, CAST(:type AS scheduler.schedule_type), :cron,
					:interval, :scheduledTime, :timezone, :agent, CAST(:payload AS jsonb), :project, :workflow,
					:timeout, :maxRetries, :retryDelay, :active, :paused, :next, :misfireThreshold)
				RETURNING id
				""")
			.paramSource(changeable(definition, nextExecutionAt).addValue("tenant", tenantId)
				.addValue("user", userId)
				.addValue("type", definition.type().value())
				.addValue("agent", definition.agentName())
				.addValue("project", definition.projectId())
				.addValue("workflow", definition.workflowId()))
			.query(UUID.class)
			.single();
	}

	Optional<ScheduleRecord> find(UUID id) {
		return this.jdbc.sql("SELECT " + ScheduleRows.COLUMNS + " FROM scheduler.scheduled_tasks WHERE id = :id")
			.param("id", id)
			.query(this.rows::map)
			.optional();
	}

	Optional<ScheduleRecord> findForUpdate(UUID id) {
		return this.jdbc
			.sql("SELECT " + ScheduleRows.COLUMNS + " FROM scheduler.scheduled_tasks WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(this.rows::map)
			.optional();
	}

	void update(UUID id, ScheduleDefinition definition, @Nullable Instant nextExecutionAt) {
		this.jdbc.sql("""
				UPDATE scheduler.scheduled_tasks
				SET name = :name, description = :description, cron_expression = :cron, interval_seconds = :interval,
					scheduled_time = :scheduledTime, timezone = :timezone, task_payload = CAST(:payload AS jsonb),
					timeout_seconds = :timeout, max_retries = :maxRetries, retry_delay_seconds = :retryDelay,
					is_active = :active, is_paused = :paused, next_execution_at = :next,
					misfire_threshold_seconds = :misfireThreshold
				WHERE id = :id
				""").paramSource(changeable(definition, nextExecutionAt).addValue("id", id)).update();
	}

	private MapSqlParameterSource changeable(ScheduleDefinition definition, @Nullable Instant nextExecutionAt) {
		return new MapSqlParameterSource().addValue("name", definition.name())
			.addValue("description", definition.description())
			.addValue("cron", definition.cronExpression())
			.addValue("interval", definition.intervalSeconds())
			.addValue("scheduledTime", Rows.timestamp(definition.scheduledTime()))
			.addValue("timezone", definition.timezone())
			.addValue("payload", this.json.writeValueAsString(definition.payload()))
			.addValue("timeout", definition.timeoutSeconds())
			.addValue("maxRetries", definition.maxRetries())
			.addValue("retryDelay", definition.retryDelaySeconds())
			.addValue("active", definition.active())
			.addValue("paused", definition.paused())
			.addValue("next", Rows.timestamp(nextExecutionAt))
			.addValue("misfireThreshold", definition.misfireThresholdSeconds(), java.sql.Types.INTEGER);
	}

	/**
	 * Delete a schedule (its executions follow).
	 * @param id the schedule
	 * @return the name and creator of the schedule deleted, empty when there was none
	 */
	Optional<Deleted> delete(UUID id) {
		return this.jdbc.sql("DELETE FROM scheduler.scheduled_tasks WHERE id = :id RETURNING name, user_id")
			.param("id", id)
			.query((rs, row) -> new Deleted(rs.getString("name"), rs.getObject("user_id", UUID.class)))
			.optional();
	}

	/**
	 * A deleted schedule.
	 *
	 * @param name its name
	 * @param userId its creator
	 */
	record Deleted(String name, UUID userId) {

	}

}
