package io.temponest.agents.dashboard;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One agent on the dashboard with its executions of the last 24 hours.
 *
 * @param id the agent's id
 * @param name its name
 * @param builtIn whether it is one of the seven built-in roles
 * @param status {@code healthy}, {@code degraded} (its last execution failed, or more
 * than a tenth of the day's did) or {@code down} (its last execution failed and none
 * succeeded in the day); an agent that has not run is healthy
 * @param successRate succeeded executions among the finished ones of the day, in percent
 * with one decimal, or {@code null} when none finished
 * @param runs executions started in the day
 * @param failed executions of the day that failed
 * @param lastRunAt when its last execution started, if ever
 * @param lastRunStatus the status of its last execution, if any
 */
record AgentCard(UUID id, String name, boolean builtIn, String status, @Nullable Double successRate, long runs,
		long failed, @Nullable Instant lastRunAt, @Nullable String lastRunStatus) {

}
