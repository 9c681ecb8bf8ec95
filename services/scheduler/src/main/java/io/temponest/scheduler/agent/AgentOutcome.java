package io.temponest.scheduler.agent;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** How an agent run ended: succeeded, or failed (retryable or not). */
public sealed interface AgentOutcome {

	/**
	 * The agent completed the task.
	 *
	 * @param agentTaskId the agents service's id of the task ({@code task_id}), if given
	 * @param result the agent's result; an empty object when it gave none
	 * @param tokensUsed tokens the run used; 0 when not reported
	 * @param costUsd cost of the run in US dollars; 0 when not reported
	 */
	record Succeeded(@Nullable String agentTaskId, JsonNode result, int tokensUsed,
			BigDecimal costUsd) implements AgentOutcome {

	}

	/**
	 * The run failed.
	 *
	 * @param error what went wrong, as recorded in the execution history
	 * @param retryable whether running it again may succeed
	 * @param timedOut whether the agent did not answer within the run's timeout
	 */
	record Failed(String error, boolean retryable, boolean timedOut) implements AgentOutcome {

	}

}
