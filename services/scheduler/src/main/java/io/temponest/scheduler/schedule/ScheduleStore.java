package io.temponest.scheduler.schedule;

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

	private static final String COLUMNS = """
			id, tenant_id, user_id, name, description, schedule_type::text AS schedule_type, cron_expression,
			interval_seconds, scheduled_time, timezone, agent_name, task_payload::text AS task_payload, project_id,
			workflow_id, timeout_seconds, max_retries, retry_delay_seconds, is_active, is_paused, created_at,
			updated_at, last_execution_at, next_execution_at, total_executions, successful_executions,
			failed_executions, misfire_threshold_seconds""";

	private static final String FILTER = """
			(CAST(:active AS boolean) IS NULL OR is_active = :active)
			AND (CAST(:agent AS text) IS NULL OR agent_name = :agent)""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ScheduleStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
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
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM scheduler.scheduled_tasks WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<ScheduleRecord> findForUpdate(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM scheduler.scheduled_tasks WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	List<ScheduleRecord> list(ScheduleFilter filter, long offset, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM scheduler.scheduled_tasks WHERE " + FILTER
					+ " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
			.param("active", filter.active())
			.param("agent", filter.agentName())
			.param("limit", limit)
			.param("offset", offset)
			.query(this::map)
			.list();
	}

	long count(ScheduleFilter filter) {
		return this.jdbc.sql("SELECT count(*) FROM scheduler.scheduled_tasks WHERE " + FILTER)
			.param("active", filter.active())
			.param("agent", filter.agentName())
			.query(Long.class)
			.single();
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

	boolean delete(UUID id) {
		return this.jdbc.sql("DELETE FROM scheduler.scheduled_tasks WHERE id = :id").param("id", id).update() == 1;
	}

	private ScheduleRecord map(ResultSet rs, int row) throws SQLException {
		ScheduleDefinition definition = new ScheduleDefinition(rs.getString("name"), rs.getString("description"),
				ScheduleType.of(rs.getString("schedule_type")), rs.getString("cron_expression"),
				rs.getObject("interval_seconds", Integer.class), Rows.instant(rs, "scheduled_time"),
				rs.getString("timezone"), rs.getString("agent_name"), payload(rs.getString("task_payload")),
				rs.getString("project_id"), rs.getString("workflow_id"), rs.getInt("timeout_seconds"),
				rs.getInt("max_retries"), rs.getInt("retry_delay_seconds"), rs.getBoolean("is_active"),
				rs.getBoolean("is_paused"), rs.getObject("misfire_threshold_seconds", Integer.class));
		return new ScheduleRecord(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getObject("user_id", UUID.class), definition, Rows.requiredInstant(rs, "created_at"),
				Rows.requiredInstant(rs, "updated_at"), Rows.instant(rs, "last_execution_at"),
				Rows.instant(rs, "next_execution_at"), rs.getInt("total_executions"),
				rs.getInt("successful_executions"), rs.getInt("failed_executions"));
	}

	private JsonNode payload(String text) {
		return this.json.readTree(text);
	}

}
