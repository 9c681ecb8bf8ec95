package io.temponest.approval.request;

import java.util.UUID;

/**
 * The result of one decision.
 *
 * @param approvalId the request
 * @param decisionId the decision (also the id of the signal sent for it)
 * @param decision what was decided
 * @param status the request's state after it
 * @param approvals the approvals it now has
 * @param requiredApprovers the approvals it needs
 */
public record DecisionOutcome(UUID approvalId, UUID decisionId, Decision decision, ApprovalStatus status, int approvals,
		int requiredApprovers) {

}
