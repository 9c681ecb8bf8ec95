package io.temponest.workers.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * The argument of the {@code approval_signal} signal, one per decision, sent by the
 * approval service.
 *
 * @param approvalId the approval decided on; signals of other approvals never decide the
 * current step
 * @param decisionId the decision; a signal repeated with the same id counts once
 * @param status this decision: {@code approved}, {@code denied} or {@code expired}
 * @param approver who decided
 * @param reason why, if given
 * @param approvalStatus the approval's status after this decision: {@code pending} (more
 * approvals needed), {@code approved}, {@code denied} or {@code expired}
 */
public record ApprovalSignal(@Nullable String approvalId, @Nullable String decisionId, @Nullable String status,
		@Nullable String approver, @Nullable String reason, @Nullable String approvalStatus) {

}
