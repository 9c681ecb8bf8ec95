package io.temponest.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.temponest.scheduler.timing.CronSchedule;
import io.temponest.scheduler.timing.InvalidScheduleException;
import io.temponest.scheduler.timing.Recurrence;
import io.temponest.scheduler.timing.Timezones;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a user defines about a schedule: when it fires, which agent it runs with which
 * payload, and how runs time out and retry.
 *
 * @param name the display name
 * @param description an optional description
 * @param type how it recurs
 * @param cronExpression the cron expression (cron schedules)
 * @param intervalSeconds the period (interval schedules)
 * @param scheduledTime the instant (one-time schedules)
 * @param timezone the IANA zone cron expressions are evaluated in
 * @param agentName the agent to run
 * @param payload the task payload sent to the agent (a JSON object)
 * @param projectId an optional project id passed to the agent
 * @param workflowId an optional workflow id passed to the agent
 * @param timeoutSeconds the per-attempt timeout of the agent call
 * @param maxRetries how many times a failed run is retried
 * @param retryDelaySeconds the delay before the first retry (doubling after each)
 * @param active whether the schedule is active
 * @param paused whether the schedule is paused
 * @param misfireThresholdSeconds how late an occurrence may be found and still run, or
 * {@code null} for the service's {@code misfire-threshold}
 */
public record ScheduleDefinition(String name, @Nullable String description, ScheduleType type,
		@Nullable String cronExpression, @Nullable Integer intervalSeconds, @Nullable Instant scheduledTime,
		String timezone, String agentName, JsonNode payload, @Nullable String projectId, @Nullable String workflowId,
		int timeoutSeconds, int maxRetries, int retryDelaySeconds, boolean active, boolean paused,
		@Nullable Integer misfireThresholdSeconds) {

	/** Default per-attempt timeout of the original. */
	public static final int DEFAULT_TIMEOUT_SECONDS = 300;

	/** Default retries of the original. */
	public static final int DEFAULT_MAX_RETRIES = 3;

	/** Default retry delay of the original. */
	public static final int DEFAULT_RETRY_DELAY_SECONDS = 60;

	/**
	 * When the schedule fires, checked: the type's field is present and valid.
	 * @return the recurrence
	 * @throws ScheduleRejectedException when the type's field is missing or invalid
	 */
	public Recurrence recurrence() {
		try {
			return switch (this.type) {
				case CRON -> {
					if (this.cronExpression == null || this.cronExpression.isBlank()) {
						throw new ScheduleRejectedException("cron_expression required for cron schedule type");
					}
					yield new Recurrence.Cron(CronSchedule.parse(this.cronExpression), Timezones.zone(this.timezone));
				}
				case INTERVAL -> {
					if (this.intervalSeconds == null || this.intervalSeconds <= 0) {
						throw new ScheduleRejectedException("interval_seconds required for interval schedule type");
					}
					Timezones.zone(this.timezone);
					yield new Recurrence.Interval(Duration.ofSeconds(this.intervalSeconds));
				}
				case ONCE -> {
					if (this.scheduledTime == null) {
						throw new ScheduleRejectedException("scheduled_time required for once schedule type");
					}
					Timezones.zone(this.timezone);
					yield new Recurrence.Once(this.scheduledTime);
				}
			};
		}
		catch (InvalidScheduleException ex) {
			throw new ScheduleRejectedException(ex.getMessage());
		}
	}

	/**
	 * Whether the poller runs this schedule.
	 * @return active and not paused
	 */
	public boolean runnable() {
		return this.active && !this.paused;
	}

	/**
	 * The same definition, paused or resumed.
	 * @param paused whether paused
	 * @return the changed definition
	 */
	public ScheduleDefinition withPaused(boolean paused) {
		return new ScheduleDefinition(this.name, this.description, this.type, this.cronExpression, this.intervalSeconds,
				this.scheduledTime, this.timezone, this.agentName, this.payload, this.projectId, this.workflowId,
				this.timeoutSeconds, this.maxRetries, this.retryDelaySeconds, this.active, paused,
				this.misfireThresholdSeconds);
	}

	/**
	 * Whether the timing differs from another definition's.
	 * @param other the other definition
	 * @return whether the next run must be computed again
	 */
	public boolean timingDiffers(ScheduleDefinition other) {
		return !Objects.equals(this.cronExpression, other.cronExpression)
				|| !Objects.equals(this.intervalSeconds, other.intervalSeconds)
				|| !Objects.equals(this.scheduledTime, other.scheduledTime) || !this.timezone.equals(other.timezone);
	}

}
