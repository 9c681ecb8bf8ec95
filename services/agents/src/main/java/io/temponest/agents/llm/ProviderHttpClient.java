package io.temponest.agents.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventListenerUtils;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import org.jspecify.annotations.Nullable;

/**
 * langchain4j's HTTP client SPI on the JDK client, keeping what langchain4j's own JDK
 * client drops or lacks: an error answer's status and {@code Retry-After}
 * ({@link ProviderStatusException}); one deadline over the whole attempt, answer body and
 * streams included ({@link DeadlineInputStream}); and streams read on the calling thread,
 * so that a stream is over when the model's {@code chat} returns and cancelling it closes
 * the connection at once.
 */
final class ProviderHttpClient implements HttpClient {

	private static final int MAX_ERROR_BODY = 64 * 1024;

	private final java.net.http.HttpClient delegate;

	private final Duration timeout;

	private final Clock clock;

	ProviderHttpClient(java.net.http.HttpClient delegate, Duration timeout, Clock clock) {
		this.delegate = delegate;
		this.timeout = timeout;
		this.clock = clock;
	}

	/**
	 * A builder handing out this client whatever timeouts a model asks for: the gateway's
	 * timeout applies to every provider alike.
	 * @param client the client
	 * @return the builder
	 */
	static HttpClientBuilder builderOf(ProviderHttpClient client) {
		return new FixedBuilder(client);
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		HttpResponse<InputStream> response = send(request);
		try (InputStream body = new DeadlineInputStream(response.body(), remaining(deadline))) {
			String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			return toSuccessful(response, text);
		}
		catch (HttpTimeoutException ex) {
			throw new TimeoutException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		HttpResponse<InputStream> response;
		try {
			response = send(request);
		}
		catch (RuntimeException ex) {
			ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onError(ex));
			return;
		}
		SuccessfulHttpResponse opened = toSuccessful(response, null);
		ServerSentEventListenerUtils.ignoringExceptions(() -> listener.onOpen(opened));
		try (InputStream body = new DeadlineInputStream(response.body(), remaining(deadline))) {
			parser.parse(body, listener);
			ServerSentEventListenerUtils.ignoringExceptions(listener::onClose);
		}
		catch (IOException ex) {
			// Closing a cancelled or expired stream; the parser has reported what
			// matters.
		}
	}

	private HttpResponse<InputStream> send(HttpRequest request) {
		java.net.http.HttpRequest jdkRequest = toJdkRequest(request);
		HttpResponse<InputStream> response;
		try {
			response = this.delegate.send(jdkRequest, BodyHandlers.ofInputStream());
		}
		catch (HttpTimeoutException ex) {
			// Includes connect timeouts (HttpConnectTimeoutException), told apart later.
			throw new TimeoutException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the provider", ex);
		}
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			discard(response.body());
			Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
					this.clock);
			throw new ProviderStatusException(status, retryAfter);
		}
		return response;
	}

	private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
		java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
			.timeout(this.timeout);
		request.headers().forEach((name, values) -> {
			if (values != null) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		BodyPublisher body = (request.body() != null) ? BodyPublishers.ofString(request.body())
				: BodyPublishers.noBody();
		return builder.method(request.method().name(), body).build();
	}

	private static SuccessfulHttpResponse toSuccessful(HttpResponse<?> response, @Nullable String body) {
		return SuccessfulHttpResponse.builder()
			.statusCode(response.statusCode())
			.headers(response.headers().map())
			.body(body)
			.build();
	}

	private static Duration remaining(long deadlineNanos) {
		return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
	}

	private static void discard(InputStream body) {
		try (body) {
			body.readNBytes(MAX_ERROR_BODY);
		}
		catch (IOException ex) {
			// The status is what counts.
		}
	}

	/** Hands out one client whatever timeouts are asked for. */
	private static final class FixedBuilder implements HttpClientBuilder {

		private final ProviderHttpClient client;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration readTimeout;

		FixedBuilder(ProviderHttpClient client) {
			this.client = client;
		}

		@Override
		public @Nullable Duration connectTimeout() {
			return this.connectTimeout;
		}

		@Override
		public HttpClientBuilder connectTimeout(Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		@Override
		public @Nullable Duration readTimeout() {
			return this.readTimeout;
		}

		@Override
		public HttpClientBuilder readTimeout(Duration timeout) {
			this.readTimeout = timeout;
			return this;
		}

		@Override
		public HttpClient build() {
			return this.client;
		}

	}

}
