package io.temponest.scheduler.execution;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An execution as both clients of the original read it: the server's
 * {@code TaskExecutionResponse} fields plus the SDK's {@code TaskExecution} names
 * ({@code task_id}, {@code agent_execution_id}, {@code error}) and {@code execution_id},
 * which the original's repository tests look for.
 *
 * @param id the id
 * @param executionId the same
 * @param scheduledTaskId the schedule
 * @param taskId the same (SDK name)
 * @param executionNumber the number within the schedule
 * @param triggeredBy {@code schedule} or {@code manual}
 * @param status the status
 * @param agentTaskId the agent's task id
 * @param agentExecutionId the same (SDK name)
 * @param agentName the agent
 * @param scheduledFor the occurrence
 * @param nextAttemptAt when a pending execution is attempted
 * @param startedAt first attempt start
 * @param completedAt final status time
 * @param durationMs last attempt duration
 * @param result the agent's result
 * @param errorMessage the last failure
 * @param error the same (SDK name)
 * @param tokensUsed tokens
 * @param costUsd cost
 * @param retryCount retries so far
 * @param maxRetries retries allowed
 * @param createdAt when recorded
 * @param updatedAt when last changed
 */
public record ExecutionResponse(UUID id, UUID executionId, UUID scheduledTaskId, UUID taskId, int executionNumber,
		String triggeredBy, ExecutionStatus status, @Nullable String agentTaskId, @Nullable String agentExecutionId,
		String agentName, Instant scheduledFor, @Nullable Instant nextAttemptAt, @Nullable Instant startedAt,
		@Nullable Instant completedAt, @Nullable Long durationMs, @Nullable JsonNode result,
		@Nullable String errorMessage, @Nullable String error, int tokensUsed, double costUsd, int retryCount,
		int maxRetries, Instant createdAt, Instant updatedAt) {

	static ExecutionResponse of(ExecutionRecord e) {
		Instant nextAttempt = (e.status() == ExecutionStatus.PENDING) ? e.nextAttemptAt() : null;
		return new ExecutionResponse(e.id(), e.id(), e.scheduledTaskId(), e.scheduledTaskId(), e.executionNumber(),
				e.triggeredBy(), e.status(), e.agentTaskId(), e.agentTaskId(), e.agentName(), e.scheduledFor(),
				nextAttempt, e.startedAt(), e.completedAt(), e.durationMs(), e.result(), e.errorMessage(),
				e.errorMessage(), e.tokensUsed(), e.costUsd().doubleValue(), e.retryCount(), e.maxRetries(),
				e.createdAt(), e.updatedAt());
	}

}
