package io.temponest.agents.llm;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link LlmGateway} on langchain4j: one call is a series of attempts run by
 * {@link Retries}, timed by provider and outcome, with the provider's token usage or,
 * where it reports none, a count of the prompt and the answer.
 */
final class ProviderGateway implements LlmGateway, AutoCloseable {

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http;

	private final ProviderModels models;

	private final Retries retries;

	private final TokenCounter tokens;

	private final LlmMetrics metrics;

	ProviderGateway(HttpClient http, ProviderModels models, Retries retries, TokenCounter tokens, LlmMetrics metrics) {
		this.http = http;
		this.models = models;
		this.retries = retries;
		this.tokens = tokens;
		this.metrics = metrics;
	}

	/**
	 * A gateway on its own JDK HTTP client.
	 * @param properties the settings
	 * @param sleeper waits between attempts
	 * @param random jitter source, uniform in [0, 1)
	 * @param tokens counts tokens where a provider reports none
	 * @param registry where the metrics go
	 * @return the gateway; close it to close its connections
	 */
	static ProviderGateway create(LlmProperties properties, Sleeper sleeper, DoubleSupplier random, TokenCounter tokens,
			MeterRegistry registry) {
		Duration connectTimeout = (properties.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0) ? properties.timeout()
				: MAX_CONNECT_TIMEOUT;
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build();
		ProviderHttpClient client = new ProviderHttpClient(http, properties.timeout(), Clock.systemUTC());
		ProviderModels models = new ProviderModels(properties, ProviderHttpClient.builderOf(client));
		LlmMetrics metrics = new LlmMetrics(registry);
		return new ProviderGateway(http, models, new Retries(properties, sleeper, random, metrics), tokens, metrics);
	}

	@Override
	public LlmReply complete(ModelChoice model, LlmPrompt prompt) {
		return timed(model, () -> {
			ChatModel chat = this.models.chat(model.provider());
			if (chat == null) {
				throw notConfigured(model.provider());
			}
			return this.retries.run(model.provider(), () -> {
				ChatResponse response = chat.chat(this.models.request(model, prompt));
				String text = (response.aiMessage() != null) ? response.aiMessage().text() : null;
				return answer(model.provider(), prompt, text, response.tokenUsage());
			}, () -> true);
		});
	}

	@Override
	public LlmReply stream(ModelChoice model, LlmPrompt prompt, Consumer<String> onToken) {
		return timed(model, () -> {
			StreamingChatModel streaming = this.models.streaming(model.provider());
			if (streaming == null) {
				throw notConfigured(model.provider());
			}
			AtomicReference<@Nullable StreamAttempt> current = new AtomicReference<>();
			return this.retries.run(model.provider(), () -> {
				StreamAttempt attempt = new StreamAttempt(onToken);
				current.set(attempt);
				streaming.chat(this.models.request(model, prompt), attempt);
				ChatResponse response = attempt.result(model.provider());
				return answer(model.provider(), prompt, attempt.text(), response.tokenUsage());
			}, () -> {
				StreamAttempt last = current.get();
				return last == null || !last.delivered();
			});
		});
	}

	/** Close the connections. */
	@Override
	public void close() {
		this.http.close();
	}

	private LlmReply timed(ModelChoice model, Call call) {
		long start = System.nanoTime();
		String outcome = "bad_gateway";
		try {
			Answer answer = call.run();
			outcome = "success";
			return new LlmReply(answer.text(), answer.usage(), model, elapsed(start).toMillis());
		}
		catch (LlmFailure ex) {
			outcome = LlmMetrics.outcomeOf(ex.kind());
			throw ex;
		}
		catch (Retries.ClientGone ex) {
			outcome = "cancelled";
			throw rethrowable(ex.getCause());
		}
		finally {
			this.metrics.recordCall(model.provider(), outcome, elapsed(start));
		}
	}

	private Answer answer(LlmProvider provider, LlmPrompt prompt, @Nullable String text,
			dev.langchain4j.model.output.@Nullable TokenUsage usage) {
		if (text == null || text.isEmpty()) {
			throw FailureClassifier.failure(LlmFailure.Kind.BAD_GATEWAY, provider, "sent an empty answer", null);
		}
		Integer input = (usage != null) ? usage.inputTokenCount() : null;
		Integer output = (usage != null) ? usage.outputTokenCount() : null;
		int promptTokens = (input != null) ? input
				: this.tokens.count(prompt.system()) + this.tokens.count(prompt.user());
		int completionTokens = (output != null) ? output : this.tokens.count(text);
		return new Answer(text, new TokenUsage(promptTokens, completionTokens));
	}

	private static LlmFailure notConfigured(LlmProvider provider) {
		return FailureClassifier.failure(LlmFailure.Kind.UNAVAILABLE, provider, "is not configured (no API key)", null);
	}

	private static RuntimeException rethrowable(@Nullable Throwable error) {
		if (error instanceof RuntimeException runtime) {
			return runtime;
		}
		if (error instanceof Error fatal) {
			throw fatal;
		}
		return new IllegalStateException("The token consumer failed", error);
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** A call's attempts. */
	@FunctionalInterface
	private interface Call {

		Answer run();

	}

	/**
	 * A call's text and tokens.
	 *
	 * @param text the answer
	 * @param usage the tokens
	 */
	private record Answer(String text, TokenUsage usage) {

	}

}
