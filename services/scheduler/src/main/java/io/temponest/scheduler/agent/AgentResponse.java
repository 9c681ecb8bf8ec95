package io.temponest.scheduler.agent;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The part of the agents service's answer that the scheduler uses.
 *
 * @param taskId the agents service's id of the task
 * @param status {@code completed} or {@code success} when the agent completed the task
 * @param result the agent's result
 * @param tokensUsed tokens the run used
 * @param costInfo cost of the run
 * @param error why the agent failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AgentResponse(@JsonProperty("task_id") @Nullable String taskId, @JsonProperty("status") @Nullable String status,
		@JsonProperty("result") @Nullable JsonNode result, @JsonProperty("tokens_used") @Nullable Integer tokensUsed,
		@JsonProperty("cost_info") @Nullable CostInfo costInfo, @JsonProperty("error") @Nullable String error) {

	/**
	 * Cost of a run.
	 *
	 * @param totalCostUsd total cost in US dollars
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record CostInfo(@JsonProperty("total_cost_usd") @Nullable BigDecimal totalCostUsd) {

	}

}
