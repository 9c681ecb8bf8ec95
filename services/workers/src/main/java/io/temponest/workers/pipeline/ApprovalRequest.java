package io.temponest.workers.pipeline;

import java.util.Map;

/**
 * The argument of {@code request_approval}: one approval the pipeline waits for.
 *
 * @param workflowId the workflow to signal with each decision
 * @param runId the run to signal
 * @param taskDescription what is to be approved
 * @param riskLevel {@code medium} or {@code high}
 * @param context details for the approvers, a JSON object
 * @param requiredApprovers how many approvals it takes (1 for medium, 2 for high)
 * @param idempotencyKey the approval service creates one approval per key
 * @param tenantId the tenant of the user the request acts for
 * @param userId the user the request acts for
 */
public record ApprovalRequest(String workflowId, String runId, String taskDescription, String riskLevel,
		Map<String, Object> context, int requiredApprovers, String idempotencyKey, String tenantId, String userId) {

}
