package io.temponest.agents.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.temponest.agents.run.RunResult;
import org.jspecify.annotations.Nullable;

/**
 * One run as the SDK reads it.
 *
 * @param id the execution's id
 * @param agentId the role's or agent's id
 * @param agentName the role's slug or the agent's name
 * @param tenantId the tenant
 * @param status {@code completed} or {@code failed}
 * @param userMessage the task or message
 * @param response the model's answer
 * @param result the answer read into the role's structure (for tenant agents
 * {@code {"response": ...}})
 * @param context the caller's context
 * @param toolsUsed tools the run used (none yet)
 * @param tokensUsed {@code prompt}, {@code completion} and {@code total} tokens
 * @param costUsd the run's cost
 * @param executionTimeSeconds time of the whole run
 * @param provider the provider
 * @param model the model
 * @param error why it failed
 * @param createdAt when it started
 * @param completedAt when it ended
 */
public record AgentExecution(String id, String agentId, String agentName, String tenantId, String status,
		String userMessage, @Nullable String response, @Nullable Map<String, Object> result,
		Map<String, Object> context, List<String> toolsUsed, Map<String, Integer> tokensUsed, double costUsd,
		@Nullable Double executionTimeSeconds, String provider, String model, @Nullable String error, Instant createdAt,
		@Nullable Instant completedAt) {

	/**
	 * The execution of a run that just completed.
	 * @param run the recorded run
	 * @param agentId the role's or agent's id
	 * @param agentName its name
	 * @param tenantId the tenant
	 * @param userMessage the message
	 * @param context the context
	 * @return the execution
	 */
	public static AgentExecution of(RunResult run, String agentId, String agentName, String tenantId,
			String userMessage, Map<String, Object> context) {
		BigDecimal cost = run.cost().totalCostUsd();
		return new AgentExecution(run.executionId().toString(), agentId, agentName, tenantId, "completed", userMessage,
				run.text(), run.result(), context, List.of(), tokens(run.usage().prompt(), run.usage().completion()),
				cost.doubleValue(), run.latencyMillis() / 1000.0, run.model().provider().id(), run.model().model(),
				null, run.createdAt(), run.completedAt());
	}

	static Map<String, Integer> tokens(int prompt, int completion) {
		return Map.of("prompt", prompt, "completion", completion, "total", prompt + completion);
	}

}
