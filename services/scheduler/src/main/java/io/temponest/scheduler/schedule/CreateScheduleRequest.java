package io.temponest.scheduler.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.security.web.ValidationError;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Body of {@code POST /schedules}, accepting both clients of the original: the server's
 * {@code {name, schedule_type, agent_name, task_payload, cron_expression |
 * interval_seconds | scheduled_time, ...}} and the SDK/CLI's {@code {agent_id,
 * cron_expression, task_config}} (name and type then defaulted). Unknown fields are
 * ignored, as the original did (its repository tests send {@code tenant_id} and
 * {@code agent_path}).
 *
 * @param name the display name (default: derived from agent and timing)
 * @param description an optional description
 * @param scheduleType the type (default: inferred from the timing field present)
 * @param cronExpression 5-field Unix cron, or 6 fields with seconds first
 * @param intervalSeconds the period in seconds
 * @param scheduledTime ISO-8601 instant; without an offset it is UTC
 * @param timezone IANA zone for cron expressions (default UTC)
 * @param agentName the agent (server body)
 * @param agentId the agent (SDK body)
 * @param taskPayload the payload (server body)
 * @param taskConfig the payload (SDK body)
 * @param projectId an optional project id
 * @param workflowId an optional workflow id
 * @param timeoutSeconds per-attempt timeout (default 300)
 * @param maxRetries retries of a failed run (default 3)
 * @param retryDelaySeconds delay before the first retry (default 60)
 * @param isActive whether active (default true)
 * @param isPaused whether paused (default false)
 * @param misfireThresholdSeconds how late an occurrence may be found and still run
 * (default: the service's {@code misfire-threshold}, 30 s)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateScheduleRequest(@Size(max = 255) @Nullable String name,
		@Size(max = 5000) @Nullable String description, @Nullable ScheduleType scheduleType,
		@Size(max = 100) @Nullable String cronExpression, @Positive @Max(31_536_000) @Nullable Integer intervalSeconds,
		@Size(max = 64) @Nullable String scheduledTime, @Size(max = 50) @Nullable String timezone,
		@Size(max = 50) @Pattern(regexp = AGENT_NAME) @Nullable String agentName,
		@Size(max = 50) @Pattern(regexp = AGENT_NAME) @Nullable String agentId, @Nullable JsonNode taskPayload,
		@Nullable JsonNode taskConfig, @Size(max = 255) @Nullable String projectId,
		@Size(max = 255) @Nullable String workflowId, @Min(1) @Max(3600) @Nullable Integer timeoutSeconds,
		@Min(0) @Max(10) @Nullable Integer maxRetries, @Min(0) @Max(86_400) @Nullable Integer retryDelaySeconds,
		@JsonProperty("is_active") @Nullable Boolean isActive, @JsonProperty("is_paused") @Nullable Boolean isPaused,
		@Min(0) @Max(31_536_000) @Nullable Integer misfireThresholdSeconds) {

	/** Agent names: lower-case letters, digits, {@code -} and {@code _}. */
	static final String AGENT_NAME = "[a-z0-9][a-z0-9_-]*";

	/**
	 * The definition this body asks for, with the original's defaults.
	 * @return the definition (its timing not yet checked)
	 * @throws InvalidScheduleFieldsException when agent, payload or time are missing or
	 * conflicting
	 * @throws ScheduleRejectedException when no type is given or inferable
	 */
	public ScheduleDefinition toDefinition() {
		List<ValidationError> errors = new ArrayList<>();
		String agent = alias("agent_name", this.agentName, "agent_id", this.agentId, errors);
		JsonNode payload = alias("task_payload", this.taskPayload, "task_config", this.taskConfig, errors);
		if (agent == null || agent.isBlank()) {
			errors.add(new ValidationError("agent_name", "must not be blank (or give agent_id)"));
		}
		if (payload != null && !payload.isObject()) {
			errors.add(new ValidationError("task_payload", "must be a JSON object"));
		}
		ScheduledTimes.Parsed time = ScheduledTimes.parse(this.scheduledTime);
		if (time.invalid()) {
			errors.add(new ValidationError("scheduled_time", ScheduledTimes.FORMAT_MESSAGE));
		}
		if (!errors.isEmpty()) {
			throw new InvalidScheduleFieldsException(errors);
		}
		ScheduleType type = (this.scheduleType != null) ? this.scheduleType : inferredType();
		String zone = (this.timezone != null && !this.timezone.isBlank()) ? this.timezone : "UTC";
		return new ScheduleDefinition(defaultName(Objects.requireNonNull(agent), type), this.description, type,
				this.cronExpression, this.intervalSeconds, time.instant(), zone, agent,
				(payload != null) ? payload : JsonNodeFactory.instance.objectNode(), this.projectId, this.workflowId,
				orDefault(this.timeoutSeconds, ScheduleDefinition.DEFAULT_TIMEOUT_SECONDS),
				orDefault(this.maxRetries, ScheduleDefinition.DEFAULT_MAX_RETRIES),
				orDefault(this.retryDelaySeconds, ScheduleDefinition.DEFAULT_RETRY_DELAY_SECONDS),
				!Boolean.FALSE.equals(this.isActive), Boolean.TRUE.equals(this.isPaused), this.misfireThresholdSeconds);
	}

	private ScheduleType inferredType() {
		if (this.cronExpression != null) {
			return ScheduleType.CRON;
		}
		if (this.intervalSeconds != null) {
			return ScheduleType.INTERVAL;
		}
		if (this.scheduledTime != null) {
			return ScheduleType.ONCE;
		}
		throw new ScheduleRejectedException(
				"schedule_type required (cron, interval or once), or one of cron_expression, interval_seconds, "
						+ "scheduled_time");
	}

	private String defaultName(String agent, ScheduleType type) {
		if (this.name != null && !this.name.isBlank()) {
			return this.name;
		}
		String timing = switch (type) {
			case CRON -> "cron " + this.cronExpression;
			case INTERVAL -> "every " + this.intervalSeconds + " s";
			case ONCE -> "once";
		};
		String name = agent + " (" + timing + ")";
		return (name.length() > 255) ? name.substring(0, 255) : name;
	}

	private static <T> @Nullable T alias(String field, @Nullable T value, String aliasField, @Nullable T aliasValue,
			List<ValidationError> errors) {
		if (value != null && aliasValue != null && !value.equals(aliasValue)) {
			errors.add(new ValidationError(field, "differs from " + aliasField + "; give one of them"));
		}
		return (value != null) ? value : aliasValue;
	}

	private static int orDefault(@Nullable Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

}
