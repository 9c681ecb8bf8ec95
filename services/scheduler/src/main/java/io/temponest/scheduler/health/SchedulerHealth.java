package io.temponest.scheduler.health;

/**
 * Body of {@code GET /health} in the original's shape, plus the service name and cache
 * state.
 *
 * @param status {@code healthy} when the database answers and the poller polls, else
 * {@code unhealthy}
 * @param service always {@code scheduler}
 * @param schedulerRunning whether this instance's poller runs (or is switched off)
 * @param activeJobs agent calls in flight on this instance
 * @param databaseConnected whether the database answered
 * @param agentServiceAvailable whether the agents service answered its health check
 * (informational: runs fail and retry while it is away)
 * @param cache {@code connected} or {@code disconnected}
 */
record SchedulerHealth(String status, String service, boolean schedulerRunning, int activeJobs,
		boolean databaseConnected, boolean agentServiceAvailable, String cache) {

	boolean healthy() {
		return "healthy".equals(this.status);
	}

}
