package io.temponest.approval.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A request as {@code POST /api/approvals} and {@code GET /api/approvals/{id}} answer it:
 * {@code {approval_id, status, approved_by, approved_at}}, which every client reads, and
 * the rest.
 *
 * @param approvalId the request
 * @param status {@code pending}, {@code approved}, {@code denied} or {@code expired}
 * @param approvedBy who ended it by a decision
 * @param approvedAt when
 * @param requiredApprovers distinct approvals needed
 * @param approvals approvals so far
 * @param decisions the decisions so far, oldest first
 * @param workflowId the workflow
 * @param runId its run
 * @param taskDescription what is to be approved
 * @param riskLevel the risk
 * @param context what the workflow attached
 * @param requestedBy the requester's user id
 * @param createdAt when it was requested
 * @param expiresAt when it expires unless decided
 */
record ApprovalResponse(UUID approvalId, String status, @Nullable String approvedBy, @Nullable Instant approvedAt,
		int requiredApprovers, int approvals, List<DecisionView> decisions, String workflowId, String runId,
		String taskDescription, String riskLevel, Map<String, Object> context, String requestedBy, Instant createdAt,
		Instant expiresAt) {

	static ApprovalResponse of(ApprovalRecord record) {
		return new ApprovalResponse(record.id(), record.status().wire(), record.approvedBy(), record.approvedAt(),
				record.requiredApprovers(), record.approvals(),
				record.decisions().stream().map(DecisionView::of).toList(), record.workflowId(), record.runId(),
				record.taskDescription(), record.riskLevel(), record.context(), record.requestedBy(),
				record.createdAt(), record.expiresAt());
	}

	/**
	 * One decision.
	 *
	 * @param approver who decided
	 * @param decision {@code approved} or {@code denied}
	 * @param reason why
	 * @param decidedAt when
	 */
	record DecisionView(String approver, String decision, @Nullable String reason, Instant decidedAt) {

		static DecisionView of(DecisionRecord record) {
			return new DecisionView(record.approver(), record.decision(), record.reason(), record.decidedAt());
		}

	}

}
