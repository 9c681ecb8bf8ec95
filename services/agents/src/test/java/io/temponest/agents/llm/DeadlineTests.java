package io.temponest.agents.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The deadline covers the whole answer: a provider that sent its headers and then stops
 * sending times out, in a plain answer and in a stream after the first token.
 */
class DeadlineTests {

	private static final String FIRST_LINE = """
			{"model":"llama3.2","created_at":"2026-01-05T10:15:30Z","message":{"role":"assistant","content":"Once"},"done":false}
			""";

	private final ModelChoice model = new ModelChoice(LlmProvider.OLLAMA, "llama3.2");

	private final LlmPrompt prompt = new LlmPrompt("system", "user", 0.2, 100);

	@Test
	void streamWhenProviderStallsAfterFirstTokenThenTimeout() throws IOException {
		List<String> tokens = new CopyOnWriteArrayList<>();
		try (StallingProvider provider = new StallingProvider("application/x-ndjson", FIRST_LINE);
				GatewayFixture fixture = new GatewayFixture(provider.baseUrl(), Duration.ofMillis(400))) {

			LlmFailure failure = catchThrowableOfType(LlmFailure.class,
					() -> fixture.gateway.stream(this.model, this.prompt, tokens::add));

			assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.TIMEOUT);
			assertThat(tokens).containsExactly("Once");
			assertThat(fixture.sleeps).isEmpty();
			assertThat(fixture.calls("ollama", "timeout")).isOne();
		}
	}

	@Test
	@Timeout(30) // guards against a cancel that leaves the connection open until the
					// deadline
	void streamWhenConsumerThrowsThenConnectionClosedAtOnce() throws IOException {
		IllegalStateException gone = new IllegalStateException("client disconnected");
		try (StallingProvider provider = new StallingProvider("application/x-ndjson", FIRST_LINE);
				GatewayFixture fixture = new GatewayFixture(provider.baseUrl(), Duration.ofMinutes(10))) {

			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> fixture.gateway.stream(this.model, this.prompt, (token) -> {
					throw gone;
				}))
				.isSameAs(gone);
		}
	}

	@Test
	void completeWhenProviderStallsMidBodyThenTimeout() throws IOException {
		try (StallingProvider provider = new StallingProvider("application/json", "{\"model\":\"llama3.2\",");
				GatewayFixture fixture = new GatewayFixture(provider.baseUrl(), Duration.ofMillis(400))) {

			LlmFailure failure = catchThrowableOfType(LlmFailure.class,
					() -> fixture.gateway.complete(this.model, this.prompt));

			assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.TIMEOUT);
		}
	}

	@Test
	void readWhenDeadlinePassedThenHttpTimeout() throws IOException {
		InputStream silent = new InputStream() {

			private volatile boolean closed;

			@Override
			public synchronized int read() throws IOException {
				while (!this.closed) {
					try {
						wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new IOException(ex);
					}
				}
				throw new IOException("closed");
			}

			@Override
			public synchronized void close() {
				this.closed = true;
				notifyAll();
			}

		};
		try (InputStream body = new DeadlineInputStream(silent, Duration.ofMillis(50))) {
			assertThatExceptionOfType(HttpTimeoutException.class).isThrownBy(body::read);
		}
	}

}
