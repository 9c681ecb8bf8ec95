package io.temponest.workers.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code workers.pipelines}; row-level security scopes every statement. */
@Repository
class PipelineStore {

	private static final String COLUMNS = """
			id, tenant_id, user_id, idempotency_key, workflow_id, run_id, goal, status, reason, created_at,
			updated_at, finished_at""";

	private final JdbcClient jdbc;

	PipelineStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean insert(PipelineRow row) {
		return this.jdbc.sql("""
				INSERT INTO workers.pipelines (id, tenant_id, user_id, idempotency_key, workflow_id, goal, status,
					created_at, updated_at)
				VALUES (:id, :tenant, :user, :key, :workflow, :goal, :status, :at, :at)
				ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
				""")
			.param("id", row.id())
			.param("tenant", row.tenantId())
			.param("user", row.userId())
			.param("key", row.idempotencyKey())
			.param("workflow", row.workflowId())
			.param("goal", row.goal())
			.param("status", row.status())
			.param("at", timestamp(row.createdAt()))
			.update() == 1;
	}

	Optional<PipelineRow> findByKey(String idempotencyKey) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM workers.pipelines WHERE idempotency_key = :key")
			.param("key", idempotencyKey)
			.query(PipelineStore::row)
			.optional();
	}

	Optional<PipelineRow> findByWorkflowId(String workflowId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM workers.pipelines WHERE workflow_id = :workflow")
			.param("workflow", workflowId)
			.query(PipelineStore::row)
			.optional();
	}

	void setRunId(String workflowId, String runId, Instant at) {
		this.jdbc.sql("UPDATE workers.pipelines SET run_id = :run, updated_at = :at WHERE workflow_id = :workflow")
			.param("run", runId)
			.param("at", timestamp(at))
			.param("workflow", workflowId)
			.update();
	}

	int updateStatus(String workflowId, String status, @Nullable String reason, Instant at) {
		return this.jdbc.sql("""
				UPDATE workers.pipelines
				SET status = :status, reason = :reason, updated_at = :at,
					finished_at = CASE WHEN :status = 'running' THEN NULL ELSE COALESCE(finished_at, :at) END
				WHERE workflow_id = :workflow
				""")
			.param("status", status)
			.param("reason", reason)
			.param("at", timestamp(at))
			.param("workflow", workflowId)
			.update();
	}

	List<PipelineRow> page(@Nullable Instant beforeCreated, @Nullable UUID beforeId, @Nullable String status,
			int limit) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM workers.pipelines WHERE true");
		if (beforeCreated != null && beforeId != null) {
			sql.append(" AND (created_at, id) < (:created, :id)");
		}
		if (status != null) {
			sql.append(" AND status = :status");
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("limit", limit);
		if (beforeCreated != null && beforeId != null) {
			statement = statement.param("created", timestamp(beforeCreated)).param("id", beforeId);
		}
		if (status != null) {
			statement = statement.param("status", status);
		}
		return statement.query(PipelineStore::row).list();
	}

	Map<String, Long> countsByStatus() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.sql("SELECT status, pipelines FROM workers.pipeline_counts()").query((rs) -> {
			counts.put(rs.getString("status"), rs.getLong("pipelines"));
		});
		return counts;
	}

	private static PipelineRow row(ResultSet rs, int rowNum) throws SQLException {
		return new PipelineRow(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("idempotency_key"), rs.getString("workflow_id"),
				rs.getString("run_id"), rs.getString("goal"), rs.getString("status"), rs.getString("reason"),
				instant(rs, "created_at"), instant(rs, "updated_at"), nullableInstant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Instant value = nullableInstant(rs, column);
		if (value == null) {
			throw new SQLException(column + " is null");
		}
		return value;
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
