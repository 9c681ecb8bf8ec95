package io.temponest.approval.signal;

import java.time.Instant;
import java.util.UUID;

import io.temponest.security.database.Rows;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a signal owed to a workflow in the current transaction (that of the decision it
 * reports, and of its tenant); the {@link SignalDispatcher} delivers it after the commit.
 */
@Component
public class SignalOutbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	SignalOutbox(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	/**
	 * Write a signal.
	 * @param tenantId the request's tenant
	 * @param workflowId the workflow
	 * @param runId its run
	 * @param signal the signal (its decision id is the row's id)
	 * @param now the time
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(UUID tenantId, String workflowId, String runId, WorkflowSignal signal, Instant now) {
		this.jdbc.sql("""
				INSERT INTO approval.signal_outbox (id, tenant_id, approval_id, workflow_id, run_id, payload,
					next_attempt_at, created_at)
				VALUES (:id, :tenant, :approval, :workflow, :run, CAST(:payload AS jsonb), :now, :now)
				""")
			.param("id", signal.decisionId())
			.param("tenant", tenantId)
			.param("approval", signal.approvalId())
			.param("workflow", workflowId)
			.param("run", runId)
			.param("payload", this.json.writeValueAsString(signal.payload()))
			.param("now", Rows.timestamp(now))
			.update();
		this.events.publishEvent(new SignalQueued());
	}

}
