package io.temponest.bench.bcrypt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the median arithmetic and the one-line output format (no timing assertions).
 */
class BcryptTimerTests {

	@Test
	void medianWhenOddCountThenMiddleOfSorted() {
		assertThat(BcryptTimer.median(new double[] { 9, 1, 5 })).isEqualTo(5);
	}

	@Test
	void medianWhenEvenCountThenMeanOfMiddleTwo() {
		assertThat(BcryptTimer.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
	}

	@Test
	void measureWhenCheapCostThenOneParsableLineWithSampleCount() {
		BcryptTimer.Result result = BcryptTimer.measure(4, 3, 1);
		assertThat(result.samples()).isEqualTo(3);
		assertThat(result.cost()).isEqualTo(4);
		assertThat(result.encodeMinMillis()).isLessThanOrEqualTo(result.encodeMedianMillis());
		assertThat(result.encodeMedianMillis()).isLessThanOrEqualTo(result.encodeMaxMillis());
		assertThat(result.toString()).startsWith("BCRYPT version=$2b cost=4 samples=3 encode_median_ms=")
			.doesNotContain("\n");
	}

	@Test
	void mainWhenFewerThanFifteenSamplesThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BcryptTimer.main(new String[] { "3" }))
			.withMessageContaining("at least 15");
	}

}
