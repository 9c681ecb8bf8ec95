package io.temponest.workers.pipeline;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The argument of {@code ProjectPipelineWorkflow}. It names the user the pipeline acts
 * for but never carries a token: a pipeline may wait a day for an approval, far longer
 * than a token lives, so each activity obtains one when it runs.
 *
 * @param goal what the project should achieve; the overseer plans it
 * @param context anything the agents should know, a JSON object
 * @param idempotencyKey the caller's key; the keys of the agent runs derive from it
 * @param tenantId the tenant of the user who started the pipeline
 * @param userId the user who started the pipeline; every call acts for them
 * @param approvalTimeoutSeconds how long each approval may take, 24 hours when absent
 */
public record PipelineInput(String goal, @Nullable Map<String, Object> context, String idempotencyKey, String tenantId,
		String userId, @Nullable Long approvalTimeoutSeconds) {

}
