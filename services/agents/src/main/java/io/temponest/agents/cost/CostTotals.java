package io.temponest.agents.cost;

/**
 * What a period cost in all: the web dashboard's cost summary.
 *
 * @param totalUsd the cost
 * @param totalTokens the tokens used
 * @param totalExecutions the executions counted
 */
record CostTotals(double totalUsd, long totalTokens, long totalExecutions) {

}
