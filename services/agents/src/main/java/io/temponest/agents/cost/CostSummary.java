package io.temponest.agents.cost;

import java.time.Instant;
import java.util.Map;

/**
 * The tenant's costs in a period ({@code GET /costs/summary}).
 *
 * @param totalUsd everything spent
 * @param byProvider spent per provider
 * @param byModel spent per model
 * @param byAgent spent per agent
 * @param totalTokens tokens sent ({@code input}) and received ({@code output})
 * @param periodStart the first instant of the period
 * @param periodEnd the first instant after the period
 */
record CostSummary(double totalUsd, Map<String, Double> byProvider, Map<String, Double> byModel,
		Map<String, Double> byAgent, Map<String, Long> totalTokens, Instant periodStart, Instant periodEnd) {

}
