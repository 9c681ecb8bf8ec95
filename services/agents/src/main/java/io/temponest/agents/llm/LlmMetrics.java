package io.temponest.agents.llm;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The LLM layer's metrics: call duration by provider and outcome (retries included), and
 * retries by provider and reason.
 */
final class LlmMetrics {

	static final String DURATION = "temponest.llm.request.duration";

	static final String RETRIES = "temponest.llm.retries";

	private final MeterRegistry registry;

	LlmMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void recordCall(LlmProvider provider, String outcome, Duration duration) {
		Timer.builder(DURATION)
			.description("Time of an LLM provider call, retries included")
			.tag("provider", provider.id())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(this.registry)
			.record(duration);
	}

	void recordRetry(LlmProvider provider, RetryReason reason) {
		Counter.builder(RETRIES)
			.description(
					"Attempts of LLM provider calls repeated after a rate limit, server error or refused connection")
			.tag("provider", provider.id())
			.tag("reason", reason.tag())
			.register(this.registry)
			.increment();
	}

	/**
	 * The outcome tag of a failure.
	 * @param kind the failure's kind
	 * @return the tag
	 */
	static String outcomeOf(LlmFailure.Kind kind) {
		return switch (kind) {
			case TIMEOUT -> "timeout";
			case UNAVAILABLE -> "unavailable";
			case BAD_GATEWAY -> "bad_gateway";
		};
	}

}
