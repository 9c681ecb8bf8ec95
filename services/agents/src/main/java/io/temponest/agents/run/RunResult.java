package io.temponest.agents.run;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.temponest.agents.cost.CostInfo;
import io.temponest.agents.llm.ModelChoice;
import io.temponest.agents.llm.TokenUsage;

/**
 * A completed run as it was recorded.
 *
 * @param executionId the execution's id (the response's {@code task_id})
 * @param text the model's answer
 * @param result the answer read by the role's or agent's parser
 * @param usage the tokens of the call
 * @param model the provider and model that answered
 * @param latencyMillis time of the whole run
 * @param cost the run's cost and budget status
 * @param createdAt when the run started
 * @param completedAt when it was recorded
 */
public record RunResult(UUID executionId, String text, Map<String, Object> result, TokenUsage usage, ModelChoice model,
		long latencyMillis, CostInfo cost, Instant createdAt, Instant completedAt) {

}
