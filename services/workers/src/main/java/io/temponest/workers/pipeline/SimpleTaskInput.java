package io.temponest.workers.pipeline;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The argument of {@code SimpleTaskWorkflow}: one task for one agent.
 *
 * @param task what the agent should do
 * @param agent the agent's role, {@code developer} when absent or unknown
 * @param context anything the agent should know, a JSON object
 * @param tenantId the tenant of the user the run acts for
 * @param userId the user the run acts for
 */
public record SimpleTaskInput(String task, @Nullable String agent, @Nullable Map<String, Object> context,
		String tenantId, String userId) {

}
