package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reading the prices: once at first, again in the background once stale, kept on failure.
 */
class ModelPricesTests {

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicReference<List<ModelPrice>> stored = new AtomicReference<>(List.of(price("1"),
			new ModelPrice(UUID.randomUUID(), "openai", "*", BigDecimal.ONE, BigDecimal.ONE, true, LocalDate.now())));

	@Test
	void findWhenFreshThenReadOnceAndModelOrProviderDefault() {
		ModelPrices prices = new ModelPrices(this::read, Duration.ofHours(1));
		assertThat(prices.find("openai", "gpt-4o")).map(ModelPrice::inputPricePer1m).contains(new BigDecimal("1"));
		assertThat(prices.find("openai", "gpt-5")).map(ModelPrice::modelName).contains("*");
		assertThat(prices.find("mistral", "large")).isEmpty();
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void findWhenStaleThenReadAgainInTheBackground() {
		ModelPrices prices = new ModelPrices(this::read, Duration.ZERO);
		assertThat(prices.find("openai", "gpt-4o")).map(ModelPrice::inputPricePer1m).contains(new BigDecimal("1"));
		this.stored.set(List.of(price("2")));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(prices.find("openai", "gpt-4o")).map(ModelPrice::inputPricePer1m)
				.contains(new BigDecimal("2")));
	}

	@Test
	void findWhenReadFailsThenKnownPricesKept() {
		ModelPrices prices = new ModelPrices(this::read, Duration.ZERO);
		prices.find("openai", "gpt-4o");
		this.stored.set(null);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(prices.find("openai", "gpt-4o")).isPresent();
			assertThat(this.reads).hasValueGreaterThan(1);
		});
		assertThat(prices.find("openai", "gpt-4o")).map(ModelPrice::inputPricePer1m).contains(new BigDecimal("1"));
	}

	private List<ModelPrice> read() {
		this.reads.incrementAndGet();
		List<ModelPrice> prices = this.stored.get();
		if (prices == null) {
			throw new IllegalStateException("database unavailable");
		}
		return prices;
	}

	private static ModelPrice price(String input) {
		return new ModelPrice(UUID.randomUUID(), "openai", "gpt-4o", new BigDecimal(input), BigDecimal.TEN, true,
				LocalDate.now());
	}

}
