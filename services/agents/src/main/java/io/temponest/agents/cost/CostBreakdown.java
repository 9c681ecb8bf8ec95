package io.temponest.agents.cost;

import java.math.BigDecimal;

/**
 * What a call cost, in USD with 6 decimal places.
 *
 * @param provider the provider id the price was looked up for
 * @param model the model
 * @param inputTokens tokens sent
 * @param outputTokens tokens received
 * @param inputCost cost of the input tokens
 * @param outputCost cost of the output tokens
 * @param totalCost cost of both (rounded from the unrounded sum)
 */
public record CostBreakdown(String provider, String model, int inputTokens, int outputTokens, BigDecimal inputCost,
		BigDecimal outputCost, BigDecimal totalCost) {

	/**
	 * Input and output tokens together.
	 * @return the tokens
	 */
	public int totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

}
