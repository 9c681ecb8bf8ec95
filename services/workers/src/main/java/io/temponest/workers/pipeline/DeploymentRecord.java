package io.temponest.workers.pipeline;

/**
 * A recorded deployment request. Nothing is deployed here: an external CD system acts on
 * the {@code project.deployment.approved} event.
 *
 * @param deploymentId the row in {@code workers.deployments}
 * @param status {@code requested} (the event is written, the CD system has not answered)
 * @param tasksDeployed how many tasks the pipeline ran
 * @param requestedAt when it was recorded, ISO-8601 UTC
 * @param idempotencyKey the request's key
 * @param eventId the platform event's id
 */
public record DeploymentRecord(String deploymentId, String status, int tasksDeployed, String requestedAt,
		String idempotencyKey, String eventId) {

}
