package io.temponest.approval.request;

import java.util.UUID;

/**
 * Answer of {@code POST /api/approvals/{id}/approve|deny}: the clients' {@code {status,
 * approval_id}} where {@code status} is the request's state after the decision.
 *
 * @param status the request's state after the decision
 * @param approvalId the request
 * @param decision what was decided
 * @param decisionId the decision's id
 * @param approvals approvals so far
 * @param requiredApprovers approvals needed
 */
record DecisionResponse(String status, UUID approvalId, String decision, UUID decisionId, int approvals,
		int requiredApprovers) {

	static DecisionResponse of(DecisionOutcome outcome) {
		return new DecisionResponse(outcome.status().wire(), outcome.approvalId(), outcome.decision().wire(),
				outcome.decisionId(), outcome.approvals(), outcome.requiredApprovers());
	}

}
