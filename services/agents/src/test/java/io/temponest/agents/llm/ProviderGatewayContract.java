package io.temponest.agents.llm;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What every provider must do through the gateway, against WireMock speaking the
 * provider's wire format on the tests' shared server: each test scopes its stubs by a
 * model name and a marker in the prompt of its own.
 */
abstract class ProviderGatewayContract {

	static final WireMockServer SERVER = TestEnvironment.providers();

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	final String marker = "marker-" + UUID.randomUUID();

	final String model = "model-" + UUID.randomUUID();

	final ProviderStubs stubs = ProviderStubs.onPrompt(this.marker);

	final LlmPrompt prompt = new LlmPrompt("You are a careful engineer.", "Write a haiku. " + this.marker, 0.3, 321);

	private final List<GatewayFixture> fixtures = new CopyOnWriteArrayList<>();

	abstract LlmProvider provider();

	abstract String path();

	abstract void answers(String text, int promptTokens, int completionTokens);

	abstract void streams(List<String> chunks, int promptTokens, int completionTokens);

	/**
	 * JSON paths of the request body and the values they must have for {@link #prompt}.
	 * @return the paths and values
	 */
	abstract Map<String, String> requestShape();

	@AfterEach
	void closeFixtures() {
		this.fixtures.forEach(GatewayFixture::close);
	}

	GatewayFixture fixture(Duration timeout) {
		GatewayFixture fixture = new GatewayFixture(SERVER.baseUrl(), timeout);
		this.fixtures.add(fixture);
		return fixture;
	}

	ModelChoice choice() {
		return new ModelChoice(provider(), this.model);
	}

	String id() {
		return provider().id();
	}

	RequestPatternBuilder sent() {
		return WireMock.postRequestedFor(WireMock.urlPathEqualTo(path()))
			.withRequestBody(WireMock.containing(this.marker));
	}

	int requests() {
		return SERVER.findAll(sent()).size();
	}

	@Test
	void completeWhenProviderAnswersThenTextAndReportedUsage() {
		GatewayFixture fixture = fixture(TIMEOUT);
		answers("Autumn moonlight", 26, 298);

		LlmReply reply = fixture.gateway.complete(choice(), this.prompt);

		assertThat(reply.text()).isEqualTo("Autumn moonlight");
		assertThat(reply.usage()).isEqualTo(new TokenUsage(26, 298));
		assertThat(reply.model()).isEqualTo(choice());
		assertThat(fixture.calls(id(), "success")).isOne();
		RequestPatternBuilder shape = sent();
		requestShape()
			.forEach((path, value) -> shape.withRequestBody(WireMock.matchingJsonPath(path, WireMock.equalTo(value))));
		SERVER.verify(1, shape);
	}

	@Test
	void streamWhenProviderStreamsThenTokensInOrderAndStreamedUsage() {
		GatewayFixture fixture = fixture(TIMEOUT);
		streams(List.of("An old ", "silent pond, ", "a frog \"jumps\"."), 17, 3);
		List<String> tokens = new CopyOnWriteArrayList<>();

		LlmReply reply = fixture.gateway.stream(choice(), this.prompt, tokens::add);

		assertThat(tokens).containsExactly("An old ", "silent pond, ", "a frog \"jumps\".");
		assertThat(reply.text()).isEqualTo("An old silent pond, a frog \"jumps\".");
		assertThat(reply.usage()).isEqualTo(new TokenUsage(17, 3));
		assertThat(fixture.calls(id(), "success")).isOne();
		RequestPatternBuilder shape = sent()
			.withRequestBody(WireMock.matchingJsonPath("$.stream", WireMock.equalTo("true")));
		requestShape()
			.forEach((path, value) -> shape.withRequestBody(WireMock.matchingJsonPath(path, WireMock.equalTo(value))));
		SERVER.verify(1, shape);
	}

	@Test
	void completeWhenProviderSlowerThanTimeoutThenTimeout() {
		GatewayFixture fixture = fixture(Duration.ofMillis(300));
		SERVER.stubFor(WireMock.post(WireMock.urlPathEqualTo(path()))
			.withRequestBody(WireMock.containing(this.marker))
			.atPriority(1)
			.willReturn(WireMock.okJson("{}").withFixedDelay(3000)));

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.TIMEOUT);
		assertThat(failure.getMessage()).contains(id());
		assertThat(requests()).isOne();
		assertThat(fixture.calls(id(), "timeout")).isOne();
	}

	@Test
	void completeWhenRateLimitedWithRetryAfterThenRetriedAfterThatDelay() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failureOnce(SERVER, path(), 429, "3");
		answers("Second time lucky", 10, 3);

		LlmReply reply = fixture.gateway.complete(choice(), this.prompt);

		assertThat(reply.text()).isEqualTo("Second time lucky");
		assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(3));
		assertThat(requests()).isEqualTo(2);
		assertThat(fixture.retries(id(), "rate_limited")).isEqualTo(1.0);
	}

	@Test
	void streamWhenRateLimitedBeforeAnyTokenThenRetried() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failureOnce(SERVER, path(), 429, "3");
		streams(List.of("one ", "two"), 5, 2);
		List<String> tokens = new CopyOnWriteArrayList<>();

		LlmReply reply = fixture.gateway.stream(choice(), this.prompt, tokens::add);

		assertThat(tokens).containsExactly("one ", "two");
		assertThat(reply.text()).isEqualTo("one two");
		assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(3));
		assertThat(requests()).isEqualTo(2);
	}

	@Test
	void completeWhenRateLimitedOnEveryAttemptThenUnavailableAfterMaxRetries() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failure(SERVER, path(), 429, null);

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
		assertThat(failure.getMessage()).contains(id(), "429");
		assertThat(requests()).isEqualTo(3);
		assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(fixture.retries(id(), "rate_limited")).isEqualTo(2.0);
		assertThat(fixture.calls(id(), "unavailable")).isOne();
	}

	@Test
	void completeWhenRetryAfterLongerThanHonouredThenUnavailableAtOnce() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failure(SERVER, path(), 429, "120");

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
		assertThat(requests()).isOne();
		assertThat(fixture.sleeps).isEmpty();
	}

	@Test
	void completeWhenServerErrorOnceThenSuccessAfterBackoff() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failureOnce(SERVER, path(), 500, null);
		answers("Recovered", 8, 1);

		LlmReply reply = fixture.gateway.complete(choice(), this.prompt);

		assertThat(reply.text()).isEqualTo("Recovered");
		assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(1));
		assertThat(requests()).isEqualTo(2);
		assertThat(fixture.retries(id(), "server_error")).isEqualTo(1.0);
	}

	@Test
	void completeWhenServerErrorOnEveryAttemptThenBadGateway() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failure(SERVER, path(), 500, null);

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.BAD_GATEWAY);
		assertThat(failure.getMessage()).contains(id(), "500");
		assertThat(requests()).isEqualTo(3);
		assertThat(fixture.calls(id(), "bad_gateway")).isOne();
	}

	@Test
	void completeWhenOverloadedOnEveryAttemptThenUnavailable() {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failure(SERVER, path(), 503, null);

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
		assertThat(requests()).isEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401 })
	void completeWhenClientErrorThenBadGatewayWithoutRetry(int status) {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.failure(SERVER, path(), status, null);

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.BAD_GATEWAY);
		assertThat(failure.getMessage()).contains(id(), String.valueOf(status))
			.doesNotContain("sk-", this.marker, "engineer", "Request failed");
		assertThat(requests()).isOne();
		assertThat(fixture.sleeps).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id\": \"chatcmpl-1\", \"choices\": [", "{}", "" })
	void completeWhenAnswerMalformedOrEmptyThenBadGateway(String body) {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.raw(SERVER, path(), "application/json", body);

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.BAD_GATEWAY);
		assertThat(requests()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "data: {\"not json\n\n{\"done\": tru\n", "" })
	void streamWhenStreamMalformedOrEmptyThenBadGateway(String body) {
		GatewayFixture fixture = fixture(TIMEOUT);
		this.stubs.raw(SERVER, path(), "text/event-stream", body);
		List<String> tokens = new CopyOnWriteArrayList<>();

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.stream(choice(), this.prompt, tokens::add));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.BAD_GATEWAY);
		assertThat(tokens).isEmpty();
		assertThat(requests()).isOne();
	}

	@Test
	void completeWhenConnectionRefusedThenUnavailableAfterRetries() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		GatewayFixture fixture = new GatewayFixture("http://127.0.0.1:" + closedPort, TIMEOUT);
		this.fixtures.add(fixture);

		LlmFailure failure = catchThrowableOfType(LlmFailure.class,
				() -> fixture.gateway.complete(choice(), this.prompt));

		assertThat(failure.kind()).isEqualTo(LlmFailure.Kind.UNAVAILABLE);
		assertThat(failure.getMessage()).contains(id(), "could not be reached");
		assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(fixture.retries(id(), "connect")).isEqualTo(2.0);
	}

	@Test
	void streamWhenConsumerThrowsThenCancelledAndSameErrorPropagates() {
		GatewayFixture fixture = fixture(TIMEOUT);
		streams(List.of("first ", "second ", "third ", "fourth"), 5, 4);
		List<String> tokens = new CopyOnWriteArrayList<>();
		IllegalStateException gone = new IllegalStateException("client disconnected");

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> fixture.gateway.stream(choice(), this.prompt, (token) -> {
				tokens.add(token);
				if (tokens.size() == 2) {
					throw gone;
				}
			}))
			.isSameAs(gone);

		assertThat(tokens).containsExactly("first ", "second ");
		assertThat(requests()).isOne();
		assertThat(fixture.calls(id(), "cancelled")).isOne();
	}

}
