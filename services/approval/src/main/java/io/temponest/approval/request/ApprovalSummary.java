package io.temponest.approval.request;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One item of {@code GET /api/approvals}: the clients' fields plus the paging and
 * approver counts.
 *
 * @param id the request
 * @param approvalId the request (the name the other routes use)
 * @param workflowId the workflow
 * @param runId its run
 * @param taskDescription what is to be approved
 * @param riskLevel the risk
 * @param status the state
 * @param approvedBy who ended it by a decision
 * @param requiredApprovers distinct approvals needed
 * @param approvals approvals so far
 * @param createdAt when it was requested
 * @param approvedAt when it ended by a decision
 * @param expiresAt when it expires unless decided
 */
record ApprovalSummary(UUID id, UUID approvalId, String workflowId, String runId, String taskDescription,
		String riskLevel, String status, @Nullable String approvedBy, int requiredApprovers, int approvals,
		Instant createdAt, @Nullable Instant approvedAt, Instant expiresAt) {

	static ApprovalSummary of(ApprovalRecord record) {
		return new ApprovalSummary(record.id(), record.id(), record.workflowId(), record.runId(),
				record.taskDescription(), record.riskLevel(), record.status().wire(), record.approvedBy(),
				record.requiredApprovers(), record.approvals(), record.createdAt(), record.approvedAt(),
				record.expiresAt());
	}

}
