package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

import io.temponest.agents.llm.LlmProvider;

import org.springframework.stereotype.Component;

/**
 * Prices a call: USD per million tokens of the model, else the provider's default price,
 * else zero (counted as an unknown model, never a failure). Input, output and total cost
 * are each rounded to 6 decimal places, half to even; the total from the unrounded sum.
 */
@Component
public class CostCalculator {

	/** Decimal places of every cost. */
	public static final int SCALE = 6;

	private static final int PER_MILLION = 6;

	private final ModelPrices prices;

	private final CostMetrics metrics;

	CostCalculator(ModelPrices prices, CostMetrics metrics) {
		this.prices = prices;
		this.metrics = metrics;
	}

	/**
	 * The cost of a call.
	 * @param provider the provider id, any case ({@code claude} means {@code anthropic})
	 * @param model the model
	 * @param inputTokens tokens sent (not negative)
	 * @param outputTokens tokens received (not negative)
	 * @return the cost
	 */
	public CostBreakdown calculate(String provider, String model, int inputTokens, int outputTokens) {
		if (inputTokens < 0 || outputTokens < 0) {
			throw new IllegalArgumentException("Token counts must not be negative");
		}
		String providerId = normalize(provider);
		Optional<ModelPrice> price = this.prices.find(providerId, model);
		if (price.isEmpty()) {
			this.metrics.unknownModel(providerId, model);
			BigDecimal zero = BigDecimal.ZERO.setScale(SCALE);
			return new CostBreakdown(providerId, model, inputTokens, outputTokens, zero, zero, zero);
		}
		BigDecimal input = BigDecimal.valueOf(inputTokens)
			.multiply(price.get().inputPricePer1m())
			.movePointLeft(PER_MILLION);
		BigDecimal output = BigDecimal.valueOf(outputTokens)
			.multiply(price.get().outputPricePer1m())
			.movePointLeft(PER_MILLION);
		return new CostBreakdown(providerId, model, inputTokens, outputTokens, round(input), round(output),
				round(input.add(output)));
	}

	/**
	 * The provider id prices are kept under: a known provider's id, else the name in
	 * lower case.
	 * @param provider the name
	 * @return the id
	 */
	static String normalize(String provider) {
		return LlmProvider.of(provider).map(LlmProvider::id).orElseGet(() -> provider.trim().toLowerCase(Locale.ROOT));
	}

	private static BigDecimal round(BigDecimal value) {
		return value.setScale(SCALE, RoundingMode.HALF_EVEN);
	}

}
