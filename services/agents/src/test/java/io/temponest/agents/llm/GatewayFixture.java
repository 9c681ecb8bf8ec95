package io.temponest.agents.llm;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A gateway built straight from properties (no Spring context) against one base URL, with
 * a sleeper that records the requested delays instead of waiting and no jitter.
 */
final class GatewayFixture implements AutoCloseable {

	static final TokenCounter TOKENS = new TokenCounter();

	final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final LlmProperties properties;

	final ProviderGateway gateway;

	GatewayFixture(String baseUrl, Duration timeout) {
		this.properties = properties(baseUrl, timeout);
		this.gateway = ProviderGateway.create(this.properties, this.sleeps::add, () -> 0.0, TOKENS, this.registry);
	}

	static LlmProperties properties(String baseUrl, Duration timeout) {
		return new LlmProperties(new LlmProperties.Ollama(baseUrl),
				new LlmProperties.OpenAi(baseUrl + "/v1", "sk-test-openai"),
				new LlmProperties.Anthropic(baseUrl + "/v1", "sk-ant-test"), timeout, 2,
				new LlmProperties.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)), Duration.ofSeconds(30), 0.9,
				42);
	}

	long calls(String provider, String outcome) {
		return this.registry.find(LlmMetrics.DURATION)
			.tag("provider", provider)
			.tag("outcome", outcome)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

	double retries(String provider, String reason) {
		return this.registry.find(LlmMetrics.RETRIES)
			.tag("provider", provider)
			.tag("reason", reason)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	@Override
	public void close() {
		this.gateway.close();
	}

}
