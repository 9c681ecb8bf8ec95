package io.temponest.scheduler.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import io.temponest.security.database.Rows;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The columns of {@code scheduler.scheduled_tasks} the API reads, the list filter, and
 * the row mapping.
 */
@Component
class ScheduleRows {

	static final String COLUMNS = """
			id, tenant_id, user_id, name, description, schedule_type::text AS schedule_type, cron_expression,
			interval_seconds, scheduled_time, timezone, agent_name, task_payload::text AS task_payload, project_id,
			workflow_id, timeout_seconds, max_retries, retry_delay_seconds, is_active, is_paused, created_at,
			updated_at, last_execution_at, next_execution_at, total_executions, successful_executions,
			failed_executions, misfire_threshold_seconds""";

	static final String FILTER = """
			(CAST(:active AS boolean) IS NULL OR is_active = :active)
			AND (CAST(:agent AS text) IS NULL OR agent_name = :agent)""";

	private final JsonMapper json;

	ScheduleRows(JsonMapper json) {
		this.json = json;
	}

	ScheduleRecord map(ResultSet rs, int row) throws SQLException {
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
