package io.temponest.bench.bcrypt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of the iteration scaling and the one-line output format (no timing assertions).
 */
class Pbkdf2TimerTests {

	@Test
	void iterationsForWhenTargetIsTwiceTheMeasuredTimeThenTwiceTheIterationsRounded() {
		assertThat(Pbkdf2Timer.iterationsFor(250, 100_000, 124.9)).isEqualTo(200_000);
	}

	@Test
	void iterationsForWhenTargetIsTinyThenOneStep() {
		assertThat(Pbkdf2Timer.iterationsFor(0.001, 100_000, 100)).isEqualTo(Pbkdf2Timer.STEP);
	}

	@Test
	void calibrateWhenCheapProbeThenOneParsableLineWithScaledIterations() {
		Pbkdf2Timer.Result result = Pbkdf2Timer.calibrate(5, 2_000, 3, 1);
		assertThat(result.samples()).isEqualTo(3);
		assertThat(result.probeIterations()).isEqualTo(2_000);
		assertThat(result.iterations()).isPositive()
			.isEqualTo(result.iterations() / Pbkdf2Timer.STEP * Pbkdf2Timer.STEP);
		assertThat(result.toString()).startsWith("PBKDF2 algorithm=pbkdf2-sha256 key_bits=256 target_ms=5.0 ")
			.contains(" iterations=" + result.iterations() + " ")
			.doesNotContain("\n");
	}

	@Test
	void mainWhenTargetIsNotPositiveThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> BcryptTimer.main(new String[] { "pbkdf2-sha256", "0" }))
			.withMessageContaining("must be positive");
	}

}
