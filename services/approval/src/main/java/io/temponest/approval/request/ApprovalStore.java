package io.temponest.approval.request;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code approval} tables, always inside a transaction of the caller's tenant
 * (row-level security filters every statement). Column lists are fixed in code; no SQL is
 * built from input.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class ApprovalStore {

	static final String COLUMNS = """
			id, workflow_id, run_id, task_description, risk_level, context::text AS context, requested_by,
			required_approvers, approvals, status, approved_by, approved_at, created_at, expires_at""";

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ApprovalStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Insert a request; with an idempotency key already used in the tenant nothing is
	 * inserted.
	 * @return the new id, or empty when the key names an existing request
	 */
	Optional<UUID> insert(UUID tenantId, String requester, NewApproval request, Instant now, Instant expiresAt) {
		return this.jdbc.sql("""
				INSERT INTO approval.approval_requests (tenant_id, workflow_id, run_id, task_description, risk_level,
					context, requested_by, required_approvers, idempotency_key, created_at, expires_at, updated_at)
				VALUES (:tenant, :workflow, :run, :task, :risk, CAST(:context AS jsonb), :requester, :required, :key,
					:now, :expires, :now)
				ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
				RETURNING id
				""")
			.param("tenant", tenantId)
			.param("workflow", request.workflowId())
			.param("run", request.runId())
			.param("task", request.taskDescription())
			.param("risk", request.riskLevel())
			.param("context", this.json.writeValueAsString(request.context()))
			.param("requester", requester)
			.param("required", request.approversNeeded())
			.param("key", request.idempotencyKey())
			.param("now", Rows.timestamp(now))
			.param("expires", Rows.timestamp(expiresAt))
			.query(UUID.class)
			.optional();
	}

	Optional<UUID> findByKey(String idempotencyKey) {
		return this.jdbc.sql("SELECT id FROM approval.approval_requests WHERE idempotency_key = :key")
			.param("key", idempotencyKey)
			.query(UUID.class)
			.optional();
	}

	Optional<ApprovalRecord> find(UUID id, Instant now) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM approval.approval_requests WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> map(rs, now))
			.optional()
			.map((found) -> found.withDecisions(decisions(id)));
	}

	List<DecisionRecord> decisions(UUID approvalId) {
		return this.jdbc.sql("""
				SELECT approver, decision, reason, decided_at FROM approval.decisions
				WHERE approval_id = :id ORDER BY decided_at, id
				""")
			.param("id", approvalId)
			.query((rs, row) -> new DecisionRecord(rs.getString("approver"), rs.getString("decision"),
					rs.getString("reason"), Rows.requiredInstant(rs, "decided_at")))
			.list();
	}

	/**
	 * A page of the tenant's requests, newest first.
	 * @param status only requests in this stored state, or all
	 */
	List<ApprovalRecord> page(@Nullable ApprovalStatus status, long offset, int limit, Instant now) {
		String where = (status != null) ? " WHERE status = :status" : "";
		JdbcClient.StatementSpec spec = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM approval.approval_requests" + where
					+ " ORDER BY created_at DESC, id DESC OFFSET :offset LIMIT :limit")
			.param("offset", offset)
			.param("limit", limit);
		if (status != null) {
			spec = spec.param("status", status.wire());
		}
		return spec.query((rs, row) -> map(rs, now)).list();
	}

	long count(@Nullable ApprovalStatus status) {
		String where = (status != null) ? " WHERE status = :status" : "";
		JdbcClient.StatementSpec spec = this.jdbc.sql("SELECT count(*) FROM approval.approval_requests" + where);
		if (status != null) {
			spec = spec.param("status", status.wire());
		}
		return spec.query(Long.class).single();
	}

	/** Pending requests not yet expired, high risk first, then oldest first. */
	List<ApprovalRecord> pending(Instant now, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM approval.approval_requests
				WHERE status = 'pending' AND expires_at > :now
				ORDER BY CASE risk_level WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, created_at, id
				LIMIT :limit
				""").param("now", Rows.timestamp(now)).param("limit", limit).query((rs, row) -> map(rs, now)).list();
	}

	/**
	 * The guarded decision: counts an approval (or ends the request on a denial) only
	 * while it is pending, unexpired and not the decider's own; the row lock serialises
	 * concurrent deciders, each re-checking the guard on the row as the one before left
	 * it.
	 * @return the request's state after the decision, or empty when the guard refused
	 */
	Optional<Decided> decide(UUID id, String approver, Decision decision, Instant now) {
		return this.jdbc.sql("""
				UPDATE approval.approval_requests
				SET approvals = approvals + :increment,
					status = CASE WHEN :decision = 'denied' THEN 'denied'
						WHEN approvals + :increment >= required_approvers THEN 'approved' ELSE 'pending' END,
					approved_by = CASE WHEN :decision = 'denied' OR approvals + :increment >= required_approvers
						THEN :approver END,
					approved_at = CASE WHEN :decision = 'denied' OR approvals + :increment >= required_approvers
						THEN :now END,
					updated_at = :now
				WHERE id = :id AND status = 'pending' AND expires_at > :now AND requested_by <> :approver
				RETURNING status, approvals, required_approvers, workflow_id, run_id, created_at, task_description
				""")
			.param("id", id)
			.param("approver", approver)
			.param("decision", decision.wire())
			.param("increment", (decision == Decision.APPROVED) ? 1 : 0)
			.param("now", Rows.timestamp(now))
			.query((rs, row) -> new Decided(ApprovalStatus.of(rs.getString("status")), rs.getInt("approvals"),
					rs.getInt("required_approvers"), rs.getString("workflow_id"), rs.getString("run_id"),
					Rows.requiredInstant(rs, "created_at"), rs.getString("task_description")))
			.optional();
	}

	/**
	 * Record a person's decision, once.
	 * @return whether it was recorded (false when they had decided already)
	 */
	boolean insertDecision(UUID decisionId, UUID tenantId, UUID approvalId, String approver, Decision decision,
			@Nullable String reason, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO approval.decisions (id, approval_id, tenant_id, approver, decision, reason, decided_at)
				VALUES (:id, :approval, :tenant, :approver, :decision, :reason, :now)
				ON CONFLICT (approval_id, approver) DO NOTHING
				RETURNING id
				""")
			.param("id", decisionId)
			.param("approval", approvalId)
			.param("tenant", tenantId)
			.param("approver", approver)
			.param("decision", decision.wire())
			.param("reason", reason)
			.param("now", Rows.timestamp(now))
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	boolean hasDecided(UUID approvalId, String approver) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM approval.decisions WHERE approval_id = :id AND approver = :approver)")
			.param("id", approvalId)
			.param("approver", approver)
			.query(Boolean.class)
			.single();
	}

	void audit(UUID tenantId, UUID approvalId, String action, @Nullable String actor, Map<String, ?> details,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO approval.audit_log (tenant_id, approval_id, action, actor, details, created_at)
				VALUES (:tenant, :approval, :action, :actor, CAST(:details AS jsonb), :now)
				""")
			.param("tenant", tenantId)
			.param("approval", approvalId)
			.param("action", action)
			.param("actor", actor)
			.param("details", this.json.writeValueAsString(details))
			.param("now", Rows.timestamp(now))
			.update();
	}

	private ApprovalRecord map(ResultSet rs, Instant now) throws SQLException {
		Instant expiresAt = Rows.requiredInstant(rs, "expires_at");
		ApprovalStatus status = ApprovalStatus.of(rs.getString("status"));
		if (status == ApprovalStatus.PENDING && !expiresAt.isAfter(now)) {
			status = ApprovalStatus.EXPIRED;
		}
		String context = rs.getString("context");
		return new ApprovalRecord(rs.getObject("id", UUID.class), rs.getString("workflow_id"), rs.getString("run_id"),
				rs.getString("task_description"), rs.getString("risk_level"),
				(context != null) ? this.json.readValue(context, OBJECT) : Map.of(), rs.getString("requested_by"),
				rs.getInt("required_approvers"), rs.getInt("approvals"), status, rs.getString("approved_by"),
				Rows.instant(rs, "approved_at"), Rows.requiredInstant(rs, "created_at"), expiresAt, List.of());
	}

	/**
	 * A request's state after a decision.
	 *
	 * @param status the state
	 * @param approvals approvals so far
	 * @param requiredApprovers approvals needed
	 * @param workflowId the workflow to signal
	 * @param runId the run to signal
	 * @param createdAt when it was requested
	 * @param taskDescription what it asks
	 */
	record Decided(ApprovalStatus status, int approvals, int requiredApprovers, String workflowId, String runId,
			Instant createdAt, String taskDescription) {

	}

}
