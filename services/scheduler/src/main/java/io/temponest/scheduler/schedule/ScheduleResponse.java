package io.temponest.scheduler.schedule;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A schedule as both clients of the original read it: the server's {@code ScheduledTask}
 * fields plus the SDK's names for the same values ({@code agent_id}, {@code task_config},
 * {@code next_run}, {@code last_run}, {@code run_count}).
 *
 * @param id the id
 * @param tenantId the tenant
 * @param userId the owner
 * @param name the name
 * @param description the description
 * @param scheduleType the type
 * @param cronExpression the cron expression
 * @param intervalSeconds the period
 * @param scheduledTime the one-time instant
 * @param timezone the zone
 * @param agentName the agent
 * @param agentId the agent (SDK name)
 * @param taskPayload the payload
 * @param taskConfig the payload (SDK name)
 * @param projectId the project id
 * @param workflowId the workflow id
 * @param timeoutSeconds the per-attempt timeout
 * @param maxRetries the retries
 * @param retryDelaySeconds the first retry delay
 * @param isActive whether active
 * @param isPaused whether paused
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param lastExecutionAt when a run last finished
 * @param lastRun the same (SDK name)
 * @param nextExecutionAt the next planned occurrence
 * @param nextRun the same (SDK name)
 * @param totalExecutions finished runs
 * @param runCount the same (SDK name)
 * @param successfulExecutions completed runs
 * @param failedExecutions failed runs
 * @param misfireThresholdSeconds how late an occurrence may be found and still run
 * ({@code null}: the service's default)
 */
public record ScheduleResponse(UUID id, UUID tenantId, UUID userId, String name, @Nullable String description,
		ScheduleType scheduleType, @Nullable String cronExpression, @Nullable Integer intervalSeconds,
		@Nullable Instant scheduledTime, String timezone, String agentName, String agentId, JsonNode taskPayload,
		JsonNode taskConfig, @Nullable String projectId, @Nullable String workflowId, int timeoutSeconds,
		int maxRetries, int retryDelaySeconds, @JsonProperty("is_active") boolean isActive,
		@JsonProperty("is_paused") boolean isPaused, Instant createdAt, Instant updatedAt,
		@Nullable Instant lastExecutionAt, @Nullable Instant lastRun, @Nullable Instant nextExecutionAt,
		@Nullable Instant nextRun, int totalExecutions, int runCount, int successfulExecutions, int failedExecutions,
		@Nullable Integer misfireThresholdSeconds) {

	static ScheduleResponse of(ScheduleRecord schedule) {
		ScheduleDefinition d = schedule.definition();
		return new ScheduleResponse(schedule.id(), schedule.tenantId(), schedule.userId(), d.name(), d.description(),
				d.type(), d.cronExpression(), d.intervalSeconds(), d.scheduledTime(), d.timezone(), d.agentName(),
				d.agentName(), d.payload(), d.payload(), d.projectId(), d.workflowId(), d.timeoutSeconds(),
				d.maxRetries(), d.retryDelaySeconds(), d.active(), d.paused(), schedule.createdAt(),
				schedule.updatedAt(), schedule.lastExecutionAt(), schedule.lastExecutionAt(),
				schedule.nextExecutionAt(), schedule.nextExecutionAt(), schedule.totalExecutions(),
				schedule.totalExecutions(), schedule.successfulExecutions(), schedule.failedExecutions(),
				d.misfireThresholdSeconds());
	}

}
