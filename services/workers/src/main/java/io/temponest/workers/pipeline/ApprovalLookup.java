package io.temponest.workers.pipeline;

/**
 * The argument of {@code check_approval_status}.
 *
 * @param approvalId the approval
 * @param tenantId the tenant of the user the lookup acts for
 * @param userId the user the lookup acts for
 */
public record ApprovalLookup(String approvalId, String tenantId, String userId) {

}
