package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Prices and rounding of {@link CostCalculator} (the golden values of the original's
 * tests).
 */
class CostCalculatorTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CostCalculator calculator = calculator(
			List.of(price("anthropic", "claude-sonnet-4-20250514", "3", "15"),
					price("anthropic", "claude-opus-4-20250514", "15", "75"),
					price("anthropic", "claude-haiku-4-20250514", "0.25", "1.25"), price("anthropic", "*", "3", "15"),
					price("openai", "gpt-4o", "2.50", "10"), price("openai", "gpt-3.5-turbo", "0.50", "1.50"),
					price("openai", "*", "2.50", "10"), price("ollama", "*", "0", "0")));

	@Test
	void calculateWhenKnownModelsThenGoldenValuesAtSixPlaces() {
		assertCost(this.calculator.calculate("anthropic", "claude-sonnet-4-20250514", 1000, 500), "0.003000",
				"0.007500", "0.010500");
		assertCost(this.calculator.calculate("anthropic", "claude-opus-4-20250514", 1000, 500), "0.015000", "0.037500",
				"0.052500");
		assertCost(this.calculator.calculate("anthropic", "claude-haiku-4-20250514", 10000, 5000), "0.002500",
				"0.006250", "0.008750");
		assertCost(this.calculator.calculate("openai", "gpt-4o", 2000, 1000), "0.005000", "0.010000", "0.015000");
		assertCost(this.calculator.calculate("openai", "gpt-3.5-turbo", 5000, 3000), "0.002500", "0.004500",
				"0.007000");
		assertCost(this.calculator.calculate("anthropic", "claude-sonnet-4-20250514", 1_000_000, 500_000), "3.000000",
				"7.500000", "10.500000");
	}

	@Test
	void calculateWhenClaudeAliasOrOtherCaseThenAnthropicPrices() {
		CostBreakdown cost = this.calculator.calculate("Claude", "claude-sonnet-4-20250514", 1000, 500);
		assertThat(cost.provider()).isEqualTo("anthropic");
		assertThat(cost.totalCost()).isEqualByComparingTo("0.0105");
		assertThat(this.calculator.calculate("OPENAI", "gpt-4o", 2000, 1000).totalCost()).isEqualByComparingTo("0.015");
	}

	@Test
	void calculateWhenModelUnknownThenProviderDefault() {
		assertCost(this.calculator.calculate("claude", "claude-unknown", 1000, 500), "0.003000", "0.007500",
				"0.010500");
		assertCost(this.calculator.calculate("openai", "gpt-4-turbo-preview", 1000, 1000), "0.002500", "0.010000",
				"0.012500");
		assertCost(this.calculator.calculate("ollama", "mistral:7b-instruct", 5000, 5000), "0.000000", "0.000000",
				"0.000000");
		assertThat(unknownModels("claude-code")).isZero();
	}

	@Test
	void calculateWhenProviderUnknownThenFreeAndCounted() {
		assertCost(this.calculator.calculate("claude-code", "sonnet", 1000, 500), "0.000000", "0.000000", "0.000000");
		this.calculator.calculate("claude-code", "opus", 10, 5);
		assertThat(unknownModels("claude-code")).isEqualTo(2);
	}

	@Test
	void calculateWhenHalfwayThenRoundsHalfToEvenAndTotalFromUnroundedSum() {
		CostCalculator calculator = calculator(List.of(price("openai", "m", "0.5", "1.5")));
		// 1 token: 0.0000005 -> 0.000000 (half to even) and 0.0000015 -> 0.000002; the
		// total 0.000002 is rounded from the exact sum, not added from the rounded parts
		assertCost(calculator.calculate("openai", "m", 1, 1), "0.000000", "0.000002", "0.000002");
		assertCost(calculator.calculate("openai", "m", 3, 0), "0.000002", "0.000000", "0.000002");
		assertCost(calculator.calculate("openai", "m", 1, 3), "0.000000", "0.000004", "0.000005");
	}

	@Test
	void calculateWhenDatabaseOverridesThenItsPrice() {
		CostCalculator calculator = calculator(List.of(price("anthropic", "claude-sonnet-4-20250514", "2.50", "12.00"),
				price("anthropic", "*", "3", "15")));
		assertCost(calculator.calculate("claude", "claude-sonnet-4-20250514", 1000, 500), "0.002500", "0.006000",
				"0.008500");
	}

	@Test
	void calculateWhenNegativeTokensThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.calculator.calculate("openai", "gpt-4o", -1, 0));
	}

	private double unknownModels(String provider) {
		Counter counter = this.registry.find(CostMetrics.UNKNOWN_MODELS).tag("provider", provider).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private CostCalculator calculator(List<ModelPrice> prices) {
		return new CostCalculator(ModelPrices.of(prices), new CostMetrics(this.registry));
	}

	private static void assertCost(CostBreakdown cost, String input, String output, String total) {
		assertThat(cost.inputCost()).isEqualTo(new BigDecimal(input));
		assertThat(cost.outputCost()).isEqualTo(new BigDecimal(output));
		assertThat(cost.totalCost()).isEqualTo(new BigDecimal(total));
	}

	private static ModelPrice price(String provider, String model, String input, String output) {
		return new ModelPrice(UUID.randomUUID(), provider, model, new BigDecimal(input), new BigDecimal(output), true,
				LocalDate.now());
	}

}
