package io.temponest.approval.request;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.approval.signal.SignalOutbox;
import io.temponest.approval.signal.WorkflowSignal;
import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Approval requests of the caller's tenant: ask, read, list, decide. A decision is one
 * transaction: the guarded update of the request, the decision row, its audit row, the
 * signal owed to the workflow and, when the request ends, the platform event.
 */
@Service
public class Approvals {

	/** Most pending requests the dashboard shows. */
	public static final int DASHBOARD_LIMIT = 500;

	/** Longest reason accepted. */
	public static final int MAX_REASON = 5000;

	private final ApprovalStore store;

	private final SignalOutbox signals;

	private final EventOutbox events;

	private final ApprovalMetrics metrics;

	private final ApprovalProperties properties;

	private final Clock clock;

	Approvals(ApprovalStore store, SignalOutbox signals, EventOutbox events, ApprovalMetrics metrics,
			ApprovalProperties properties, Clock clock) {
		this.store = store;
		this.signals = signals;
		this.events = events;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Ask for approval; the same idempotency key of the tenant returns the request it
	 * created first.
	 * @param caller the requester
	 * @param request what to ask
	 * @return the request
	 */
	@Transactional
	public ApprovalRecord create(AuthPrincipal caller, NewApproval request) {
		UUID requester = caller.userUuid().orElseThrow(ApprovalException::userRequired);
		Instant now = this.clock.instant();
		UUID tenant = caller.tenantUuid();
		UUID id = this.store.insert(tenant, requester.toString(), request, now, now.plus(this.properties.expiry()))
			.orElse(null);
		if (id == null) {
			String key = request.idempotencyKey();
			UUID existing = (key != null) ? this.store.findByKey(key).orElse(null) : null;
			if (existing == null) {
				throw new IllegalStateException("An insert that conflicted left no request behind");
			}
			return this.store.find(existing, now).orElseThrow(ApprovalException::notFound);
		}
		this.store.audit(tenant, id, "request", requester.toString(),
				Map.of("risk_level", request.riskLevel(), "required_approvers", request.approversNeeded(),
						"workflow_id", request.workflowId(), "run_id", request.runId()),
				now);
		this.events.publish(new PlatformEvent("approval.requested", tenant, requester, EventLevel.INFO, "approval",
				id.toString(), "Approval requested: " + abbreviate(request.taskDescription()),
				Map.of("risk_level", request.riskLevel(), "workflow_id", request.workflowId(), "run_id",
						request.runId(), "required_approvers", request.approversNeeded())));
		return this.store.find(id, now).orElseThrow(ApprovalException::notFound);
	}

	/**
	 * One request with its decisions.
	 * @param id the request
	 * @return the request
	 * @throws ApprovalException when there is none in the tenant
	 */
	@Transactional(readOnly = true)
	public ApprovalRecord get(UUID id) {
		return this.store.find(id, this.clock.instant()).orElseThrow(ApprovalException::notFound);
	}

	/**
	 * A page of the tenant's requests, newest first (without their decisions).
	 * @param status only this state, or all
	 * @param offset how many to skip
	 * @param limit how many at most
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<ApprovalRecord> list(@Nullable ApprovalStatus status, long offset, int limit) {
		return this.store.page(status, offset, limit, this.clock.instant());
	}

	/**
	 * How many requests the tenant has.
	 * @param status only this state, or all
	 * @return the count
	 */
	@Transactional(readOnly = true)
	public long count(@Nullable ApprovalStatus status) {
		return this.store.count(status);
	}

	/**
	 * The dashboard's list: pending requests, high risk first, then oldest first.
	 * @return the requests
	 */
	@Transactional(readOnly = true)
	public List<ApprovalRecord> pending() {
		return this.store.pending(this.clock.instant(), DASHBOARD_LIMIT);
	}

	/**
	 * Decide on a request as the caller.
	 * @param caller who decides
	 * @param id the request
	 * @param decision approve or deny
	 * @param reason why (required to deny)
	 * @return the outcome
	 * @throws ApprovalException when a rule refuses it
	 */
	@Transactional
	public DecisionOutcome decide(AuthPrincipal caller, UUID id, Decision decision, @Nullable String reason) {
		String approver = caller.userUuid().orElseThrow(ApprovalException::userRequired).toString();
		String why = (reason != null && !reason.isBlank()) ? reason.strip() : null;
		if (decision == Decision.DENIED && why == null) {
			throw ApprovalException.reasonRequired();
		}
		if (why != null && why.length() > MAX_REASON) {
			throw ApprovalException.reasonTooLong();
		}
		Instant now = this.clock.instant();
		UUID tenant = caller.tenantUuid();
		ApprovalStore.Decided decided = this.store.decide(id, approver, decision, now)
			.orElseThrow(() -> refusal(id, approver, now));
		UUID decisionId = UUID.randomUUID();
		if (!this.store.insertDecision(decisionId, tenant, id, approver, decision, why, now)) {
			throw ApprovalException.alreadyDecided();
		}
		Map<String, @Nullable Object> details = new HashMap<>();
		details.put("decision_id", decisionId.toString());
		details.put("reason", why);
		details.put("approval_status", decided.status().wire());
		this.store.audit(tenant, id, (decision == Decision.APPROVED) ? "approve" : "deny", approver, details, now);
		this.signals.enqueue(tenant, decided.workflowId(), decided.runId(),
				new WorkflowSignal(id, decisionId, decision.wire(), approver, why, decided.status().wire()), now);
		if (decided.status() != ApprovalStatus.PENDING) {
			publishEnd(tenant, UUID.fromString(approver), id, decided, why);
		}
		this.metrics.decided(decision, decided.status(), decided.createdAt(), now);
		return new DecisionOutcome(id, decisionId, decision, decided.status(), decided.approvals(),
				decided.requiredApprovers());
	}

	private void publishEnd(UUID tenant, UUID user, UUID id, ApprovalStore.Decided decided, @Nullable String reason) {
		boolean approved = decided.status() == ApprovalStatus.APPROVED;
		Map<String, Object> details = new HashMap<>();
		details.put("workflow_id", decided.workflowId());
		details.put("run_id", decided.runId());
		details.put("approvals", decided.approvals());
		if (reason != null) {
			details.put("reason", reason);
		}
		this.events.publish(new PlatformEvent(approved ? "approval.approved" : "approval.rejected", tenant, user,
				approved ? EventLevel.SUCCESS : EventLevel.WARN, "approval", id.toString(),
				(approved ? "Approval granted: " : "Approval denied: ") + abbreviate(decided.taskDescription()),
				details));
	}

	/** Why the guarded update refused, read in the same transaction. */
	private ApprovalException refusal(UUID id, String approver, Instant now) {
		ApprovalRecord current = this.store.find(id, now).orElse(null);
		if (current == null) {
			return ApprovalException.notFound();
		}
		if (current.requestedBy().equals(approver)) {
			return ApprovalException.ownRequest();
		}
		if (this.store.hasDecided(id, approver)) {
			return ApprovalException.alreadyDecided();
		}
		if (current.status() == ApprovalStatus.EXPIRED) {
			return ApprovalException.expired();
		}
		return ApprovalException.alreadyProcessed();
	}

	private static String abbreviate(String text) {
		return (text.length() <= 120) ? text : text.substring(0, 117) + "...";
	}

}
