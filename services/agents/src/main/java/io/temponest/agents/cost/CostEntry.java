package io.temponest.agents.cost;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One run's use of an LLM, to be priced and recorded.
 *
 * @param taskId the run (execution or task id)
 * @param agentName the agent or role that ran
 * @param tenantId the tenant that pays
 * @param userId the user who asked, if any
 * @param projectId the client's project id, if any
 * @param workflowId the client's workflow id, if any
 * @param provider the provider id ({@code ollama}, {@code openai}, {@code anthropic})
 * @param model the model
 * @param inputTokens tokens sent
 * @param outputTokens tokens received
 * @param latencyMs how long the run took, if known
 * @param status how the run ended
 * @param context further facts to keep with the row (stored as JSON; empty stores none)
 */
public record CostEntry(String taskId, String agentName, UUID tenantId, @Nullable UUID userId,
		@Nullable String projectId, @Nullable String workflowId, String provider, String model, int inputTokens,
		int outputTokens, @Nullable Integer latencyMs, CostStatus status, Map<String, ?> context) {

	public CostEntry {
		Objects.requireNonNull(taskId, "taskId");
		Objects.requireNonNull(agentName, "agentName");
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(status, "status");
		if (inputTokens < 0 || outputTokens < 0) {
			throw new IllegalArgumentException("Token counts must not be negative");
		}
		context = (context != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(context)) : Map.of();
	}

}
