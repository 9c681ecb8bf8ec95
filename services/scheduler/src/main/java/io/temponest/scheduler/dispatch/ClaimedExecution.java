package io.temponest.scheduler.dispatch;

import java.time.Instant;
import java.util.UUID;

import io.temponest.scheduler.execution.Lease;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An execution this instance has claimed: its lease, and what the agent call needs.
 *
 * @param lease the attempt's lease
 * @param tenantId the tenant
 * @param userId the user the agent runs for
 * @param scheduleId the schedule
 * @param leaseExpired whether the previous attempt's lease had expired
 * @param scheduledFor the occurrence
 * @param startedAt when the first attempt started
 * @param agentName the agent
 * @param payload the task payload
 * @param projectId the project id
 * @param workflowId the workflow id
 * @param timeoutSeconds the attempt timeout
 * @param maxRetries retries allowed
 * @param retryDelaySeconds the first retry delay
 */
record ClaimedExecution(Lease lease, UUID tenantId, UUID userId, UUID scheduleId, boolean leaseExpired,
		Instant scheduledFor, Instant startedAt, String agentName, JsonNode payload, @Nullable String projectId,
		@Nullable String workflowId, int timeoutSeconds, int maxRetries, int retryDelaySeconds) {

	int attempt() {
		return this.lease.attempt();
	}

	/**
	 * Whether this attempt is beyond the retries allowed (possible only when expired
	 * leases used them up).
	 * @return whether to give up without calling the agent
	 */
	boolean exhausted() {
		return attempt() > this.maxRetries + 1;
	}

}
