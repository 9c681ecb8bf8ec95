package io.temponest.scheduler.schedule;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A stored schedule: its definition and what the scheduler keeps about it.
 *
 * @param id the schedule id
 * @param tenantId the tenant
 * @param userId the user the agent runs on behalf of
 * @param definition what the user defined
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param lastExecutionAt when a run last finished
 * @param nextExecutionAt the next occurrence, {@code null} when none is planned
 * @param totalExecutions finished runs
 * @param successfulExecutions completed runs
 * @param failedExecutions failed or timed-out runs
 */
public record ScheduleRecord(UUID id, UUID tenantId, UUID userId, ScheduleDefinition definition, Instant createdAt,
		Instant updatedAt, @Nullable Instant lastExecutionAt, @Nullable Instant nextExecutionAt, int totalExecutions,
		int successfulExecutions, int failedExecutions) {

}
