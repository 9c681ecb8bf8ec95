package io.temponest.workers.deployment;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.workers.pipeline.DeploymentRecord;
import io.temponest.workers.pipeline.DeploymentRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records an approved deployment: a {@code workers.deployments} row and the
 * {@code project.deployment.approved} platform event in one transaction of the pipeline's
 * tenant, for an external CD system to act on (webhooks deliver the event). Nothing is
 * deployed here, so the status is {@code requested}. Repeating a request with the same
 * idempotency key answers the first record and writes no second event.
 */
@Service
public class DeploymentRecorder {

	/** The event type. */
	public static final String EVENT_TYPE = "project.deployment.approved";

	private final JdbcClient jdbc;

	private final TenantTransactions transactions;

	private final EventOutbox events;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.shared();

	DeploymentRecorder(JdbcClient jdbc, TenantTransactions transactions, EventOutbox events, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Record a deployment request and announce it.
	 * @param request the approved deployment
	 * @return the record
	 */
	public DeploymentRecord record(DeploymentRequest request) {
		UUID tenantId = UUID.fromString(request.tenantId());
		UUID userId = UUID.fromString(request.userId());
		return this.transactions.write(tenantId, () -> {
			UUID id = UUID.randomUUID();
			Instant now = this.clock.instant();
			int inserted = this.jdbc.sql("""
					INSERT INTO workers.deployments (id, tenant_id, user_id, workflow_id, run_id, idempotency_key,
						approval_id, approvers, goal, tasks_deployed, status, requested_at)
					VALUES (:id, :tenant, :user, :workflow, :run, :key, :approval, CAST(:approvers AS jsonb), :goal,
						:tasks, 'requested', :at)
					ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
					""")
				.param("id", id)
				.param("tenant", tenantId)
				.param("user", userId)
				.param("workflow", request.workflowId())
				.param("run", request.runId())
				.param("key", request.idempotencyKey())
				.param("approval", request.approvalId())
				.param("approvers", this.json.writeValueAsString(request.approvers()))
				.param("goal", request.goal())
				.param("tasks", request.tasksDeployed())
				.param("at", now.atOffset(ZoneOffset.UTC))
				.update();
			if (inserted == 0) {
				return find(request.idempotencyKey()).orElseThrow();
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("deployment_id", id.toString());
			details.put("workflow_id", request.workflowId());
			details.put("run_id", request.runId());
			details.put("approval_id", request.approvalId());
			details.put("approvers", request.approvers());
			details.put("tasks_deployed", request.tasksDeployed());
			details.put("goal", request.goal());
			UUID eventId = this.events.publish(new PlatformEvent(EVENT_TYPE, tenantId, userId, EventLevel.SUCCESS,
					"pipeline", request.workflowId(), "Deployment approved: " + abbreviate(request.goal()), details));
			this.jdbc.sql("UPDATE workers.deployments SET event_id = :event WHERE id = :id")
				.param("event", eventId)
				.param("id", id)
				.update();
			return new DeploymentRecord(id.toString(), "requested", request.tasksDeployed(), now.toString(),
					request.idempotencyKey(), eventId.toString());
		});
	}

	private Optional<DeploymentRecord> find(String idempotencyKey) {
		return this.jdbc.sql("""
				SELECT id, status, tasks_deployed, requested_at, idempotency_key, event_id
				FROM workers.deployments WHERE idempotency_key = :key
				""")
			.param("key", idempotencyKey)
			.query((rs, rowNum) -> new DeploymentRecord(rs.getObject("id", UUID.class).toString(),
					rs.getString("status"), rs.getInt("tasks_deployed"),
					rs.getObject("requested_at", OffsetDateTime.class).toInstant().toString(),
					rs.getString("idempotency_key"), String.valueOf(rs.getObject("event_id", UUID.class))))
			.optional();
	}

	private static String abbreviate(String goal) {
		return (goal.length() > 200) ? goal.substring(0, 200) + "…" : goal;
	}

}
