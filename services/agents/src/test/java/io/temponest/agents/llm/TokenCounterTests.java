package io.temponest.agents.llm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** cl100k_base counts. */
class TokenCounterTests {

	private final TokenCounter counter = GatewayFixture.TOKENS;

	@Test
	void countWhenShortTextThenSmallPositive() {
		assertThat(this.counter.count("Hello, world!")).isEqualTo(4);
	}

	@Test
	void countWhenEmptyThenZero() {
		assertThat(this.counter.count("")).isZero();
	}

	@Test
	void countWhenLongerTextThenMoreTokens() {
		assertThat(this.counter.count("Hello, world! ".repeat(100))).isGreaterThan(300);
	}

}
