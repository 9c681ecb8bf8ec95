package io.temponest.agents.activity;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes activity rows in the current tenant transaction, so that they commit or roll
 * back with the change they describe, and publishes each new row as an
 * {@link ActivityRecorded} inside that transaction.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ActivityLog {

	private static final String INSERT = """
			INSERT INTO agents.activity_log (tenant_id, user_id, occurred_at, service, action, level, agent,
				resource_type, resource_id, message, details)
			VALUES (:tenant, :user, COALESCE(CAST(:occurred AS timestamptz), clock_timestamp()), :service, :action,
				:level, :agent, :resourceType, :resourceId, :message, CAST(:details AS jsonb))
			RETURNING id, occurred_at""";

	/** Relayed rows, all in one statement; an id stored before is skipped. */
	private static final String RELAY = """
			INSERT INTO agents.activity_log (id, tenant_id, user_id, occurred_at, service, action, level, agent,
				resource_type, resource_id, message, details)
			SELECT e.id, :tenant, :user, e.occurred_at, :service, e.action, e.level, e.agent, e.resource_type,
				e.resource_id, e.message, COALESCE(e.details, '{}'::jsonb)
			FROM jsonb_to_recordset(CAST(:events AS jsonb)) AS e(id uuid, occurred_at timestamptz, action text,
				level text, agent text, resource_type text, resource_id text, message text, details jsonb)
			ON CONFLICT (id) DO NOTHING
			RETURNING id, occurred_at""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	ActivityLog(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	/**
	 * Write one row (a new id, the time of the transaction's statement unless given).
	 * @param entry the row
	 */
	void record(ActivityEntry entry) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", entry.tenantId())
			.addValue("user", entry.userId(), Types.OTHER)
			.addValue("occurred", (entry.occurredAt() != null) ? Timestamp.from(entry.occurredAt()) : null,
					Types.TIMESTAMP_WITH_TIMEZONE)
			.addValue("service", entry.service())
			.addValue("action", entry.action())
			.addValue("level", entry.level())
			.addValue("agent", entry.agent(), Types.VARCHAR)
			.addValue("resourceType", entry.resourceType(), Types.VARCHAR)
			.addValue("resourceId", entry.resourceId(), Types.VARCHAR)
			.addValue("message", entry.message())
			.addValue("details", this.json.writeValueAsString(entry.details()));
		Written written = this.jdbc.sql(INSERT)
			.paramSource(params)
			.query((rs, row) -> new Written(rs.getObject("id", UUID.class),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.single();
		publish(entry, written);
	}

	/**
	 * Write rows relayed by another service for one user of one tenant, each once: a row
	 * whose id is stored already is skipped.
	 * @param entries the rows, all of the same tenant, user and service, each with an id
	 * and a time
	 * @return how many were new
	 */
	int relay(List<ActivityEntry> entries) {
		if (entries.isEmpty()) {
			return 0;
		}
		ActivityEntry first = entries.get(0);
		List<Map<String, @Nullable Object>> rows = new ArrayList<>(entries.size());
		for (ActivityEntry entry : entries) {
			Map<String, @Nullable Object> row = new LinkedHashMap<>();
			row.put("id", entry.id());
			row.put("occurred_at", entry.occurredAt());
			row.put("action", entry.action());
			row.put("level", entry.level());
			row.put("agent", entry.agent());
			row.put("resource_type", entry.resourceType());
			row.put("resource_id", entry.resourceId());
			row.put("message", entry.message());
			row.put("details", entry.details());
			rows.add(row);
		}
		List<Written> written = this.jdbc.sql(RELAY)
			.param("tenant", first.tenantId())
			.param("user", first.userId(), Types.OTHER)
			.param("service", first.service())
			.param("events", this.json.writeValueAsString(rows))
			.query((rs, row) -> new Written(rs.getObject("id", UUID.class),
					rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
			.list();
		Map<UUID, ActivityEntry> byId = new HashMap<>();
		entries.forEach((entry) -> byId.put(entry.id(), entry));
		for (Written row : written) {
			ActivityEntry entry = byId.get(row.id());
			if (entry != null) {
				publish(entry, row);
			}
		}
		return written.size();
	}

	private void publish(ActivityEntry entry, Written written) {
		this.events.publishEvent(new ActivityRecorded(written.id(), entry.tenantId(), entry.userId(),
				written.occurredAt(), entry.service(), entry.action(), entry.level(), entry.agent(),
				entry.resourceType(), entry.resourceId(), entry.message(), entry.details()));
	}

	/**
	 * A row as written.
	 *
	 * @param id its id
	 * @param occurredAt its time
	 */
	private record Written(UUID id, Instant occurredAt) {

	}

}
