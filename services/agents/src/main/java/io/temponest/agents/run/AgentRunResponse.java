package io.temponest.agents.run;

import java.util.List;
import java.util.Map;

import io.temponest.agents.cost.CostInfo;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /{role}/run}.
 *
 * @param taskId the execution's id
 * @param status {@code completed} (failures are answered with a problem body)
 * @param result the role's structured result
 * @param citations the sources the result cites
 * @param tokensUsed the run's tokens, prompt and answer
 * @param latencyMs time of the whole run
 * @param modelInfo the model and settings the run used
 * @param costInfo the run's cost and the tenant's budget status
 * @param error always null here
 */
record AgentRunResponse(String taskId, String status, Map<String, Object> result, List<Object> citations,
		int tokensUsed, long latencyMs, Map<String, Object> modelInfo, CostInfo costInfo, @Nullable String error) {

}
