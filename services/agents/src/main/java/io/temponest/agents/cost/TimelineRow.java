package io.temponest.agents.cost;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The executions of one agent on one UTC day.
 *
 * @param date the day
 * @param agentName the agent
 * @param executions how many ran
 * @param totalTokens the tokens they used
 * @param totalCost what they cost, USD
 * @param avgLatency their mean latency in milliseconds, if any was recorded
 * @param failures how many failed or timed out
 */
record TimelineRow(LocalDate date, String agentName, long executions, long totalTokens, double totalCost,
		@Nullable Double avgLatency, long failures) {

}
