package io.temponest.scheduler.schedule;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code PATCH /schedules/{id}}: any subset of the updatable fields (an empty
 * body changes nothing). A {@code null} value leaves a field as it is, as in the
 * original; an empty {@code description} clears it. {@code task_config} is the SDK's name
 * for {@code task_payload}.
 *
 * @param name the display name
 * @param description the description ({@code ""} clears it)
 * @param cronExpression the cron expression
 * @param intervalSeconds the period
 * @param scheduledTime the one-time instant
 * @param timezone the zone
 * @param taskPayload the payload
 * @param taskConfig the payload (SDK name)
 * @param timeoutSeconds the per-attempt timeout
 * @param maxRetries the retries
 * @param retryDelaySeconds the first retry delay
 * @param isActive whether active
 * @param isPaused whether paused
 * @param misfireThresholdSeconds how late an occurrence may be found and still run
 */
public record SchedulePatchRequest(@Size(min = 1, max = 255) @Nullable String name,
		@Size(max = 5000) @Nullable String description, @Size(min = 1, max = 100) @Nullable String cronExpression,
		@Positive @Max(31_536_000) @Nullable Integer intervalSeconds, @Size(max = 64) @Nullable String scheduledTime,
		@Size(min = 1, max = 50) @Nullable String timezone, @Nullable JsonNode taskPayload,
		@Nullable JsonNode taskConfig, @Min(1) @Max(3600) @Nullable Integer timeoutSeconds,
		@Min(0) @Max(10) @Nullable Integer maxRetries, @Min(0) @Max(86_400) @Nullable Integer retryDelaySeconds,
		@JsonProperty("is_active") @Nullable Boolean isActive, @JsonProperty("is_paused") @Nullable Boolean isPaused,
		@Min(0) @Max(31_536_000) @Nullable Integer misfireThresholdSeconds) {

	/**
	 * The definition after this change.
	 * @param current the schedule as it is
	 * @return the changed definition (its timing not yet checked)
	 * @throws InvalidScheduleFieldsException for a conflicting payload alias, a payload
	 * that is not an object, or an unreadable time
	 */
	public ScheduleDefinition applyTo(ScheduleDefinition current) {
		if (this.taskPayload != null && this.taskConfig != null && !this.taskPayload.equals(this.taskConfig)) {
			throw new InvalidScheduleFieldsException("task_payload", "differs from task_config; give one of them");
		}
		JsonNode payload = (this.taskPayload != null) ? this.taskPayload : this.taskConfig;
		if (payload != null && !payload.isObject()) {
			throw new InvalidScheduleFieldsException("task_payload", "must be a JSON object");
		}
		ScheduledTimes.Parsed time = ScheduledTimes.parse(this.scheduledTime);
		if (time.invalid()) {
			throw new InvalidScheduleFieldsException("scheduled_time", ScheduledTimes.FORMAT_MESSAGE);
		}
		String description = (this.description == null) ? current.description()
				: (this.description.isEmpty() ? null : this.description);
		return new ScheduleDefinition(or(this.name, current.name()), description, current.type(),
				orNullable(this.cronExpression, current.cronExpression()),
				orNullable(this.intervalSeconds, current.intervalSeconds()),
				orNullable(time.instant(), current.scheduledTime()), or(this.timezone, current.timezone()),
				current.agentName(), or(payload, current.payload()), current.projectId(), current.workflowId(),
				or(this.timeoutSeconds, current.timeoutSeconds()), or(this.maxRetries, current.maxRetries()),
				or(this.retryDelaySeconds, current.retryDelaySeconds()), or(this.isActive, current.active()),
				or(this.isPaused, current.paused()),
				orNullable(this.misfireThresholdSeconds, current.misfireThresholdSeconds()));
	}

	private static <T> T or(@Nullable T value, T current) {
		return Objects.requireNonNullElse(value, current);
	}

	private static <T> @Nullable T orNullable(@Nullable T value, @Nullable T current) {
		return (value != null) ? value : current;
	}

}
