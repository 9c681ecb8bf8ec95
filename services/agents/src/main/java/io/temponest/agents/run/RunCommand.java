package io.temponest.agents.run;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.temponest.agents.llm.LlmPrompt;
import io.temponest.agents.llm.ModelChoice;
import org.jspecify.annotations.Nullable;

/**
 * One run to carry out: who asks, which agent, what to send to which model, and how to
 * read the answer.
 *
 * @param tenantId the caller's tenant
 * @param userId the caller, if a user
 * @param agentId the built-in role's or the tenant agent's id
 * @param agentName the role's slug or the agent's name (stored and costed under it)
 * @param metricTag the {@code agent} tag of the run's metrics: a role's slug, or
 * {@code custom} for tenant agents (their names are unbounded)
 * @param model the provider and model
 * @param prompt the messages and settings
 * @param task the task as the caller sent it
 * @param context the caller's context
 * @param tokenBudget the most tokens {@code task} may have
 * @param projectId the caller's project, if any
 * @param workflowId the caller's workflow, if any
 * @param idempotencyKey the caller's idempotency key, if any
 * @param parser turns the answer text into the run's result
 * @param grounding the knowledge-base excerpts of an agent with collections, or
 * {@code null} for a run without retrieval
 */
public record RunCommand(UUID tenantId, @Nullable UUID userId, UUID agentId, String agentName, String metricTag,
		ModelChoice model, LlmPrompt prompt, String task, Map<String, Object> context, int tokenBudget,
		@Nullable String projectId, @Nullable String workflowId, @Nullable String idempotencyKey,
		Function<String, Map<String, Object>> parser, @Nullable Grounding grounding) {

	/**
	 * A run without retrieval.
	 * @param tenantId the caller's tenant
	 * @param userId the caller, if a user
	 * @param agentId the built-in role's or the tenant agent's id
	 * @param agentName the role's slug or the agent's name
	 * @param metricTag the {@code agent} tag of the run's metrics
	 * @param model the provider and model
	 * @param prompt the messages and settings
	 * @param task the task as the caller sent it
	 * @param context the caller's context
	 * @param tokenBudget the most tokens {@code task} may have
	 * @param projectId the caller's project, if any
	 * @param workflowId the caller's workflow, if any
	 * @param idempotencyKey the caller's idempotency key, if any
	 * @param parser turns the answer text into the run's result
	 */
	public RunCommand(UUID tenantId, @Nullable UUID userId, UUID agentId, String agentName, String metricTag,
			ModelChoice model, LlmPrompt prompt, String task, Map<String, Object> context, int tokenBudget,
			@Nullable String projectId, @Nullable String workflowId, @Nullable String idempotencyKey,
			Function<String, Map<String, Object>> parser) {
		this(tenantId, userId, agentId, agentName, metricTag, model, prompt, task, context, tokenBudget, projectId,
				workflowId, idempotencyKey, parser, null);
	}

}
