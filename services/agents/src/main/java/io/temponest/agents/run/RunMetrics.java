package io.temponest.agents.run;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temponest.agents.llm.TokenUsage;

import org.springframework.stereotype.Component;

/**
 * The run metrics: executions by agent, provider and status, run duration, tokens by
 * type, and answers replayed for an idempotency key.
 */
@Component
class RunMetrics {

	private final MeterRegistry registry;

	private final Counter replays;

	RunMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.replays = Counter.builder("temponest.agent.idempotent.replays")
			.description("Runs answered with the first result of their idempotency key, without a provider call")
			.register(registry);
	}

	void finished(RunCommand command, String status, Duration duration, TokenUsage usage) {
		String agent = command.metricTag();
		String provider = command.model().provider().id();
		Counter.builder("temponest.agent.executions")
			.description("Agent runs by agent, provider and outcome")
			.tags("agent", agent, "provider", provider, "status", status)
			.register(this.registry)
			.increment();
		Timer.builder("temponest.agent.execution.duration")
			.description("Time of a whole agent run, provider included")
			.tags("agent", agent, "status", status)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(duration);
		if (usage.total() > 0) {
			tokens(agent, provider, "prompt").increment(usage.prompt());
			tokens(agent, provider, "completion").increment(usage.completion());
		}
	}

	void replayed() {
		this.replays.increment();
	}

	private Counter tokens(String agent, String provider, String type) {
		return Counter.builder("temponest.agent.tokens")
			.description("Tokens of agent runs by agent, provider and type")
			.tags("agent", agent, "provider", provider, "type", type)
			.register(this.registry);
	}

}
