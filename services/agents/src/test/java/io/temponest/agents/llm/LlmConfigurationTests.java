package io.temponest.agents.llm;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The wiring and the property names, without the service's context. */
class LlmConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Registry.class,
			LlmConfiguration.class);

	@Test
	void contextWhenDefaultsThenBeansAndDefaultSettings() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LlmGateway.class)
				.hasSingleBean(TokenCounter.class)
				.hasSingleBean(ProviderReachability.class)
				.hasSingleBean(Sleeper.class);
			LlmProperties properties = context.getBean(LlmProperties.class);
			assertThat(properties.ollama().baseUrl()).isEqualTo("http://localhost:11434");
			assertThat(properties.openai().baseUrl()).isEqualTo("https://api.openai.com/v1");
			assertThat(properties.openai().apiKey()).isEmpty();
			assertThat(properties.anthropic().baseUrl()).isEqualTo("https://api.anthropic.com/v1");
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(120));
			assertThat(properties.maxRetries()).isEqualTo(2);
			assertThat(properties.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.topP()).isEqualTo(0.9);
			assertThat(properties.seed()).isEqualTo(42);
			assertThat(context.getBean(ProviderReachability.class).check(LlmProvider.OPENAI))
				.isEqualTo(Reachability.NOT_CONFIGURED);
			LlmFailure failure = catchThrowableOfType(LlmFailure.class, () -> context.getBean(LlmGateway.class)
				.complete(new ModelChoice(LlmProvider.ANTHROPIC, "claude"), new LlmPrompt("", "hi", 0.2, 10)));
			assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
			assertThat(failure.getMessage()).isEqualTo("LLM provider anthropic is not configured (no API key)");
		});
	}

	@Test
	void contextWhenPropertiesSetThenBound() {
		this.runner.withPropertyValues("temponest.llm.ollama.base-url=http://ollama:11434",
				"temponest.llm.openai.base-url=http://openai.test/v1", "temponest.llm.openai.api-key=sk-1",
				"temponest.llm.anthropic.base-url=http://anthropic.test/v1", "temponest.llm.anthropic.api-key=sk-ant-1",
				"temponest.llm.timeout=45s", "temponest.llm.max-retries=4", "temponest.llm.backoff.initial=200ms",
				"temponest.llm.max-retry-after=10s")
			.run((context) -> {
				LlmProperties properties = context.getBean(LlmProperties.class);
				assertThat(properties.ollama().baseUrl()).isEqualTo("http://ollama:11434");
				assertThat(properties.openai().apiKey()).isEqualTo("sk-1");
				assertThat(properties.openai().toString()).doesNotContain("sk-1");
				assertThat(properties.anthropic().baseUrl()).isEqualTo("http://anthropic.test/v1");
				assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(properties.maxRetries()).isEqualTo(4);
				assertThat(properties.backoff().initial()).isEqualTo(Duration.ofMillis(200));
				assertThat(properties.maxRetryAfter()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void contextWhenTimeoutNotPositiveThenFailsToStart() {
		this.runner.withPropertyValues("temponest.llm.timeout=0s").run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LlmProperties.class)
	static class Registry {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
