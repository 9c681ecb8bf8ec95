package io.temponest.agents.llm;

import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The LLM layer's beans: the gateway, the token counter and the reachability probe. */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

	@Bean
	TokenCounter tokenCounter() {
		return new TokenCounter();
	}

	@Bean
	Sleeper llmSleeper() {
		return Thread::sleep;
	}

	@Bean
	ProviderGateway llmGateway(LlmProperties properties, Sleeper llmSleeper, TokenCounter tokenCounter,
			MeterRegistry meterRegistry) {
		return ProviderGateway.create(properties, llmSleeper, () -> ThreadLocalRandom.current().nextDouble(),
				tokenCounter, meterRegistry);
	}

	@Bean
	ProviderReachability providerReachability(LlmProperties properties) {
		return new ProviderReachability(properties);
	}

}
