package io.temponest.workers.pipeline;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The argument of the agent activities: one run of one agent, as a user.
 *
 * @param agent the agent's role, one of {@link AgentRole}'s names
 * @param task what the agent should do
 * @param context anything the agent should know, a JSON object
 * @param idempotencyKey the agents service runs a key once (a retried activity gets the
 * first run's answer)
 * @param workflowId the workflow the run belongs to
 * @param riskLevel the task's risk level, if assessed
 * @param tenantId the tenant of the user the run acts for
 * @param userId the user the run acts for
 */
public record AgentRequest(String agent, String task, Map<String, Object> context, String idempotencyKey,
		String workflowId, @Nullable String riskLevel, String tenantId, String userId) {

}
