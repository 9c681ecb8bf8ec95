package io.temponest.workers.pipeline;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A plan task the pipeline ran.
 *
 * @param index the task's position in the plan, from 0
 * @param task what the agent did
 * @param agent the agent's role
 * @param riskLevel the task's risk level
 * @param approvalId the approval it waited for, if any
 * @param agentTaskId the agents service's id of the run
 * @param result the agent's result
 */
public record ExecutedTask(int index, String task, String agent, String riskLevel, @Nullable String approvalId,
		@Nullable String agentTaskId, Map<String, Object> result) {

}
