package io.temponest.approval.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An approval request as stored, with its decisions so far.
 *
 * @param id the request
 * @param workflowId the workflow to signal
 * @param runId the workflow run to signal
 * @param taskDescription what is to be approved
 * @param riskLevel {@code low}, {@code medium} or {@code high}
 * @param context what the workflow attached (a JSON object)
 * @param requestedBy the user id of the requester
 * @param requiredApprovers how many distinct approvals it needs
 * @param approvals how many it has
 * @param status the state (a pending request past its expiry shows as expired)
 * @param approvedBy who ended it by approving or denying, if ended so
 * @param approvedAt when it ended by a decision
 * @param createdAt when it was requested
 * @param expiresAt when it expires unless decided
 * @param decisions the decisions so far, oldest first
 */
public record ApprovalRecord(UUID id, String workflowId, String runId, String taskDescription, String riskLevel,
		Map<String, Object> context, String requestedBy, int requiredApprovers, int approvals, ApprovalStatus status,
		@Nullable String approvedBy, @Nullable Instant approvedAt, Instant createdAt, Instant expiresAt,
		List<DecisionRecord> decisions) {

	/**
	 * The same request with its decisions.
	 * @param decisions the decisions
	 * @return the request
	 */
	ApprovalRecord withDecisions(List<DecisionRecord> decisions) {
		return new ApprovalRecord(this.id, this.workflowId, this.runId, this.taskDescription, this.riskLevel,
				this.context, this.requestedBy, this.requiredApprovers, this.approvals, this.status, this.approvedBy,
				this.approvedAt, this.createdAt, this.expiresAt, decisions);
	}

}
