package io.temponest.agents.collaboration;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One step of a session: the agent, what it was given and answered, its tokens and cost.
 *
 * @param id the step
 * @param position its order in the session (from 0)
 * @param round the iterative pattern's round (1 otherwise)
 * @param agent the agent's canonical name
 * @param input what the agent was given
 * @param output what it answered
 * @param executionId the recorded execution of the run
 * @param promptTokens tokens sent
 * @param completionTokens tokens answered
 * @param totalTokens their sum
 * @param costUsd the run's cost
 * @param status running, completed or failed
 * @param error why it failed
 * @param startedAt when it started
 * @param completedAt when it ended
 */
public record StepView(UUID id, int position, int round, String agent, String input, @Nullable String output,
		@Nullable UUID executionId, int promptTokens, int completionTokens, int totalTokens, BigDecimal costUsd,
		String status, @Nullable String error, Instant startedAt, @Nullable Instant completedAt) {

}
