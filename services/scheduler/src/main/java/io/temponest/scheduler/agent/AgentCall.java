package io.temponest.scheduler.agent;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One run of an agent task, as the scheduler asks for it.
 *
 * @param tenantId tenant the run belongs to (header {@code X-Tenant-ID})
 * @param userId user on whose behalf it runs (header {@code X-User-ID})
 * @param agentName agent to run, such as {@code developer}
 * @param payload the schedule's task payload: {@code task} (or {@code user_message}),
 * {@code context}, {@code risk_level}
 * @param projectId project of the run, if any
 * @param workflowId workflow of the run, if any
 * @param timeout how long to wait for the agent's answer; positive
 * @param idempotencyKey key that lets the agents service recognise a repeated run
 * @param requestId correlation id (header {@code X-Request-ID})
 */
public record AgentCall(UUID tenantId, UUID userId, String agentName, JsonNode payload, @Nullable String projectId,
		@Nullable String workflowId, Duration timeout, String idempotencyKey, String requestId) {

	public AgentCall {
		Objects.requireNonNull(timeout, "timeout");
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("The timeout of an agent call must be positive: " + timeout);
		}
	}

}
