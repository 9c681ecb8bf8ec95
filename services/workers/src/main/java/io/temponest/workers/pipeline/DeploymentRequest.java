package io.temponest.workers.pipeline;

import java.util.List;

/**
 * The argument of {@code execute_deployment}: a deployment that was approved, to be
 * recorded and announced to an external CD system.
 *
 * @param workflowId the pipeline's workflow
 * @param runId the pipeline's run
 * @param goal the project's goal
 * @param tasksDeployed how many tasks the pipeline ran
 * @param approvalId the deployment approval
 * @param approvers who approved it
 * @param idempotencyKey one deployment per key
 * @param tenantId the tenant of the user the pipeline acts for
 * @param userId the user the pipeline acts for
 */
public record DeploymentRequest(String workflowId, String runId, String goal, int tasksDeployed, String approvalId,
		List<String> approvers, String idempotencyKey, String tenantId, String userId) {

}
