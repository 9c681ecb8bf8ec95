package io.temponest.scheduler.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One execution of a schedule: a scheduled occurrence or a manual trigger, with all its
 * attempts folded in (the last attempt's outcome, the first attempt's start).
 *
 * @param id the execution id
 * @param scheduledTaskId the schedule
 * @param executionNumber 1, 2, ... per schedule
 * @param triggeredBy {@code schedule} or {@code manual}
 * @param status where it stands
 * @param agentTaskId the agent's task id of the completed attempt
 * @param agentName the agent
 * @param scheduledFor the occurrence (or the trigger instant)
 * @param nextAttemptAt when a pending execution is attempted
 * @param attempts attempts started so far
 * @param startedAt when the first attempt started
 * @param completedAt when it reached its final status
 * @param durationMs the last attempt's duration
 * @param result the agent's result
 * @param errorMessage the last failure
 * @param tokensUsed tokens the agent reported
 * @param costUsd cost the agent reported
 * @param retryCount attempts before the current or last one
 * @param maxRetries retries allowed
 * @param createdAt when recorded
 * @param updatedAt when last changed
 */
public record ExecutionRecord(UUID id, UUID scheduledTaskId, int executionNumber, String triggeredBy,
		ExecutionStatus status, @Nullable String agentTaskId, String agentName, Instant scheduledFor,
		Instant nextAttemptAt, int attempts, @Nullable Instant startedAt, @Nullable Instant completedAt,
		@Nullable Long durationMs, @Nullable JsonNode result, @Nullable String errorMessage, int tokensUsed,
		BigDecimal costUsd, int retryCount, int maxRetries, Instant createdAt, Instant updatedAt) {

}
