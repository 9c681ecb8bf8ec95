package io.temponest.agents.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Back-off with jitter, the Retry-After cap and no retry once a stream delivered text.
 */
class RetriesTests {

	private final List<Duration> sleeps = new ArrayList<>();

	private Retries retries(double random) {
		LlmProperties properties = GatewayFixture.properties("http://localhost", Duration.ofSeconds(5));
		return new Retries(properties, this.sleeps::add, () -> random, new LlmMetrics(new SimpleMeterRegistry()));
	}

	@Test
	void backoffWhenNoJitterThenDoublesUpToTheCap() {
		Retries retries = retries(0.0);

		assertThat(List.of(retries.backoff(0), retries.backoff(1), retries.backoff(2), retries.backoff(3),
				retries.backoff(4), retries.backoff(40)))
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
					Duration.ofSeconds(10), Duration.ofSeconds(10));
	}

	@Test
	void backoffWhenFullJitterThenHalfTheDelay() {
		Retries retries = retries(0.999999);

		assertThat(retries.backoff(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(1001));
		assertThat(retries.backoff(4)).isBetween(Duration.ofMillis(5000), Duration.ofMillis(5001));
	}

	@Test
	void runWhenNotRetryableAnyMoreThenFailsAfterFirstAttempt() {
		AtomicInteger attempts = new AtomicInteger();

		LlmFailure failure = catchThrowableOfType(LlmFailure.class, () -> retries(0.0).run(LlmProvider.OLLAMA, () -> {
			attempts.incrementAndGet();
			throw new ProviderStatusException(503, null);
		}, () -> false));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
		assertThat(attempts).hasValue(1);
		assertThat(this.sleeps).isEmpty();
	}

	@Test
	void runWhenRetryAfterAboveCapThenUnavailableWithoutWaiting() {
		LlmFailure failure = catchThrowableOfType(LlmFailure.class, () -> retries(0.0).run(LlmProvider.OPENAI, () -> {
			throw new ProviderStatusException(503, Duration.ofSeconds(31));
		}, () -> true));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
		assertThat(failure.getMessage()).isEqualTo("LLM provider openai asked to retry after 31s");
		assertThat(this.sleeps).isEmpty();
	}

}
