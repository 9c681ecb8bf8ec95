package io.temponest.agents.run;

import java.math.BigDecimal;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An agent execution finished and was recorded: published inside the transaction that
 * wrote its execution and cost rows, so that listeners writing in that transaction commit
 * or roll back with it.
 *
 * @param tenantId the caller's tenant
 * @param userId the caller, if a user
 * @param executionId the execution
 * @param agentName the role's slug or the tenant agent's name
 * @param builtIn whether the agent is one of the seven roles (its name is a role slug)
 * @param succeeded whether the execution completed (else it failed)
 * @param provider the provider's id
 * @param model the model
 * @param totalTokens prompt and completion tokens
 * @param costUsd the execution's cost
 * @param latencyMillis how long the run took
 * @param error why it failed, or {@code null} when it completed
 * @param projectId the caller's project, if any
 * @param workflowId the caller's workflow, if any
 */
public record ExecutionFinished(UUID tenantId, @Nullable UUID userId, UUID executionId, String agentName,
		boolean builtIn, boolean succeeded, String provider, String model, long totalTokens, BigDecimal costUsd,
		long latencyMillis, @Nullable String error, @Nullable String projectId, @Nullable String workflowId) {

}
