package io.temponest.scheduler.agent;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.security.exchange.ServiceTokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Agent runs against a WireMock agents service. */
class AgentInvokerTests {

	private static final String RUN_PATH = "/{agent}/run";

	private static final String DEVELOPER_RUN = "/developer/run";

	private static final String EXCHANGE = ServiceTokenClient.EXCHANGE_PATH;

	private static final String EXCHANGED_TOKEN = "exchanged-token";

	/** Timeout of calls that are meant to time out. */
	private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

	/**
	 * Timeout of calls that are meant to get an answer (a cold WireMock can take a
	 * second).
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper json = JsonMapper.shared();

	@RegisterExtension
	static final WireMockExtension agents = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final UUID tenantId = UUID.randomUUID();

	private final UUID userId = UUID.randomUUID();

	@Test
	void runWhenAgentCompletesThenSucceededWithTaskIdResultTokensAndCost() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson("""
				{"task_id": "7f1c2a4e-1111-4222-8333-944455556666", "status": "completed",
				 "result": {"summary": "done", "files": 2}, "citations": [], "tokens_used": 1234,
				 "latency_ms": 812, "model_info": {"model": "m"},
				 "cost_info": {"total_cost_usd": 0.0123, "input_tokens": 1000}, "error": null}
				""")));

		AgentOutcome outcome = invoker().run(call("developer", "{\"task\": \"Write tests\"}"));

		assertThat(outcome).isInstanceOfSatisfying(AgentOutcome.Succeeded.class, (succeeded) -> {
			assertThat(succeeded.agentTaskId()).isEqualTo("7f1c2a4e-1111-4222-8333-944455556666");
			assertThat(succeeded.result()).isEqualTo(tree("{\"summary\": \"done\", \"files\": 2}"));
			assertThat(succeeded.tokensUsed()).isEqualTo(1234);
			assertThat(succeeded.costUsd()).isEqualByComparingTo("0.0123");
		});
	}

	@Test
	void runWhenStatusIsSuccessWithoutDetailsThenSucceededWithDefaults() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson("{\"status\": \"success\", \"result\": null}")));

		AgentOutcome outcome = invoker().run(call("developer", "{\"task\": \"t\"}"));

		assertThat(outcome).isEqualTo(new AgentOutcome.Succeeded(null, tree("{}"), 0, BigDecimal.ZERO));
	}

	@Test
	void runThenPostsTheTaskWithTheCreatorsExchangedTokenAndRequestId() {
		agents.stubFor(post("/qa-tester/run").willReturn(okJson("{\"status\": \"completed\"}")));
		AgentCall call = new AgentCall(this.tenantId, this.userId, "qa-tester",
				tree("{\"task\": \"Test login\", \"context\": {\"repo\": \"web\"}, \"risk_level\": \"medium\"}"),
				"project-1", "workflow-2", TIMEOUT, "schedule-9:2026-01-01T00:00Z", "req-42");

		invoker().run(call);

		agents.verify(1,
				postRequestedFor(urlEqualTo("/qa-tester/run"))
					.withHeader("X-Tenant-ID", equalTo(this.tenantId.toString()))
					.withHeader("X-User-ID", equalTo(this.userId.toString()))
					.withHeader("X-Request-ID", equalTo("req-42"))
					.withHeader("Authorization", equalTo("Bearer " + EXCHANGED_TOKEN))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson("""
							{"task": "Test login", "context": {"repo": "web"}, "risk_level": "medium",
							 "project_id": "project-1", "workflow_id": "workflow-2",
							 "idempotency_key": "schedule-9:2026-01-01T00:00Z"}
							""")));
	}

	@Test
	void runWhenCreatorRefusedByAuthThenFailedWithoutCallNotRetryable() {
		agents.stubFor(post(EXCHANGE).atPriority(1)
			.withFormParam("subject_token", equalTo(this.userId.toString()))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/problem+json")
				.withBody(
						"{\"status\": 400, \"detail\": \"User account is inactive\", \"error\": \"invalid_grant\"}")));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isInstanceOfSatisfying(AgentOutcome.Failed.class, (failed) -> {
			assertThat(failed.error()).startsWith(AgentInvoker.REFUSED_PREFIX).contains("User account is inactive");
			assertThat(failed.retryable()).isFalse();
			assertThat(failed.timedOut()).isFalse();
		});
		agents.verify(0, postRequestedFor(urlEqualTo(DEVELOPER_RUN)));
		assertThat(callCount("developer", "refused")).isEqualTo(1.0);
	}

	@Test
	void runWhenAuthServiceFailingThenRetryableFailureWithoutCall() {
		agents.stubFor(post(EXCHANGE).atPriority(1).willReturn(aResponse().withStatus(503)));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isInstanceOfSatisfying(AgentOutcome.Failed.class, (failed) -> {
			assertThat(failed.error()).startsWith("Could not obtain a token for the schedule's creator");
			assertThat(failed.retryable()).isTrue();
		});
		agents.verify(0, postRequestedFor(urlEqualTo(DEVELOPER_RUN)));
	}

	@Test
	void runWhenAgentServiceRefusesTheTokenThenNextRunExchangesAnew() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(aResponse().withStatus(401)));
		AgentInvoker invoker = invoker();

		invoker.run(call("developer", "{}"));
		invoker.run(call("developer", "{}"));

		agents.verify(2, postRequestedFor(urlEqualTo(EXCHANGE)));
	}

	@Test
	void runWhenSameCreatorAgainThenCachedTokenReused() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson("{\"status\": \"completed\"}")));
		AgentInvoker invoker = invoker();

		invoker.run(call("developer", "{}"));
		invoker.run(call("developer", "{}"));

		agents.verify(1, postRequestedFor(urlEqualTo(EXCHANGE)));
		agents.verify(2, postRequestedFor(urlEqualTo(DEVELOPER_RUN)).withHeader("Authorization",
				equalTo("Bearer " + EXCHANGED_TOKEN)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"user_message": "Hello"} | {"task": "Hello", "context": {}, "risk_level": "low"}
			{"task": "T", "user_message": "U"} | {"task": "T", "context": {}, "risk_level": "low"}
			{"task": 7, "user_message": "U", "risk_level": "high"} | {"task": "U", "context": {}, "risk_level": "high"}
			{"context": "not an object", "risk_level": 3} | {"task": "", "context": {}, "risk_level": "low"}
			{"context": {"k": [1]}} | {"task": "", "context": {"k": [1]}, "risk_level": "low"}
			[] | {"task": "", "context": {}, "risk_level": "low"}
			""")
	void runThenMapsThePayloadToTheRequestBody(String payload, String expectedBody) {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson("{\"status\": \"completed\"}")));

		invoker().run(call("developer", payload));

		agents.verify(1,
				postRequestedFor(urlEqualTo(DEVELOPER_RUN)).withRequestBody(equalToJson(expectedBody, false, true)));
		agents.verify(1, postRequestedFor(urlEqualTo(DEVELOPER_RUN)).withRequestBody(equalToJson(
				"{\"project_id\": null, \"workflow_id\": null, \"idempotency_key\": \"idem-1\"}", false, true)));
	}

	@Test
	void runWhenRunPathIsTheOriginalExecutePathThenPostsThere() {
		agents.stubFor(post("/agents/security-auditor/execute").willReturn(okJson("{\"status\": \"success\"}")));
		AgentInvoker invoker = new AgentInvoker(
				new AgentsProperties(URI.create(agents.baseUrl()), "/agents/{agent}/execute", Duration.ofSeconds(1)),
				tokens(), this.registry);

		AgentOutcome outcome = invoker.run(call("security-auditor", "{\"task\": \"Audit\"}"));

		assertThat(outcome).isInstanceOf(AgentOutcome.Succeeded.class);
		agents.verify(1, postRequestedFor(urlEqualTo("/agents/security-auditor/execute")));
	}

	@Test
	void runWhenAgentIsAnIdThenTheAgentsServiceRunsThatAgentOfItsCatalog() {
		String id = "0f8e6a52-3c1d-4b7e-9a2f-5d6c7b8a9e10";
		agents.stubFor(post("/agents/" + id + "/run").willReturn(okJson("{\"status\": \"completed\"}")));

		AgentOutcome outcome = invoker().run(call(id, "{\"task\": \"Review\"}"));

		assertThat(outcome).isInstanceOf(AgentOutcome.Succeeded.class);
		agents.verify(1, postRequestedFor(urlEqualTo("/agents/" + id + "/run"))
			.withRequestBody(equalToJson("{\"task\": \"Review\"}", false, true)));
	}

	@Test
	void runWhenBaseUrlHasAPathThenRunPathIsBelowIt() {
		agents.stubFor(post("/api/agents/developer/run").willReturn(okJson("{\"status\": \"completed\"}")));
		AgentInvoker invoker = new AgentInvoker(
				new AgentsProperties(URI.create(agents.baseUrl() + "/api/agents"), RUN_PATH, Duration.ofSeconds(1)),
				tokens(), this.registry);

		assertThat(invoker.run(call("developer", "{}"))).isInstanceOf(AgentOutcome.Succeeded.class);
	}

	@Test
	void runWhenAgentNameHasReservedCharactersThenTheyAreEncodedInItsPathSegment() {
		agents.stubFor(post(urlEqualTo("/dev%20ops%3Fx%2Fy/run")).willReturn(okJson("{\"status\": \"completed\"}")));

		assertThat(invoker().run(call("dev ops?x/y", "{}"))).isInstanceOf(AgentOutcome.Succeeded.class);
	}

	@Test
	void runWhenAgentReportsFailureThenRetryableFailureWithItsError() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson(
				"{\"task_id\": \"t-1\", \"status\": \"failed\", \"result\": null, \"error\": \"LLM quota exceeded\"}")));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed("LLM quota exceeded", true, false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"status\": \"failed\"}", "{\"status\": \"pending\", \"error\": \"\"}", "{}" })
	void runWhenAgentStatusIsNotSuccessWithoutErrorThenUnknownError(String body) {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson(body)));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed("Unknown error", true, false));
	}

	@ParameterizedTest
	@CsvSource({ "400, false", "401, false", "403, false", "404, false", "302, false", "408, true", "425, true",
			"429, true", "500, true", "502, true", "503, true" })
	void runWhenAgentServiceAnswersAnErrorStatusThenFailedWithStatusAndBody(int status, boolean retryable) {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "5")
			.withBody("{\"detail\": \"nope " + status + "\"}")));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed(
				"Agent service returned " + status + ": {\"detail\": \"nope " + status + "\"}", retryable, false));
	}

	@Test
	void runWhenErrorBodyIsLongThenItIsTruncatedTo500Characters() {
		String body = "é".repeat(400) + "x".repeat(400);
		agents.stubFor(post(DEVELOPER_RUN).willReturn(
				aResponse().withStatus(500).withHeader("Content-Type", "text/plain; charset=utf-8").withBody(body)));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome)
			.isEqualTo(new AgentOutcome.Failed("Agent service returned 500: " + body.substring(0, 500), true, false));
	}

	@Test
	void runWhenAgentAnswersAfterTheTimeoutThenTimedOut() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson("{\"status\": \"completed\"}").withFixedDelay(2000)));

		AgentOutcome outcome = invoker().run(call("developer", "{}", SHORT_TIMEOUT));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed("Agent service timeout after 0.3 seconds", true, true));
	}

	@Test
	void runWhenBodyArrivesTooSlowlyThenTimedOut() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(
				okJson("{\"status\": \"completed\", \"result\": {\"a\": 1}}").withChunkedDribbleDelay(5, 2000)));

		AgentOutcome outcome = invoker().run(call("developer", "{}", SHORT_TIMEOUT));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed("Agent service timeout after 0.3 seconds", true, true));
	}

	@Test
	void runWhenTimeoutIsWholeSecondsThenMessageSaysSeconds() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson("{\"status\": \"completed\"}").withFixedDelay(2500)));

		AgentOutcome outcome = invoker().run(call("developer", "{}", Duration.ofSeconds(1)));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed("Agent service timeout after 1 seconds", true, true));
	}

	@Test
	void runWhenAgentServiceIsNotListeningThenFailedToCall() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		AgentInvoker invoker = new AgentInvoker(
				new AgentsProperties(URI.create("http://127.0.0.1:" + closedPort), RUN_PATH, Duration.ofSeconds(1)),
				tokens(), this.registry);

		AgentOutcome outcome = invoker.run(call("developer", "{}"));

		assertThat(outcome).isInstanceOfSatisfying(AgentOutcome.Failed.class, (failed) -> {
			assertThat(failed.error()).startsWith("Failed to call agent service: ").contains("ConnectException");
			assertThat(failed.retryable()).isTrue();
			assertThat(failed.timedOut()).isFalse();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"status\": \"completed\"", "[1, 2]", "\"completed\"", "42", "null", "",
			"{\"status\": \"completed\", \"tokens_used\": \"many\"}" })
	void runWhenSuccessfulAnswerIsUnreadableThenRetryableFailure(String body) {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(okJson(body)));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed(AgentInvoker.UNREADABLE_RESPONSE, true, false));
	}

	@Test
	void runWhenSuccessfulAnswerIsNotJsonContentThenRetryableFailure() {
		agents.stubFor(post(DEVELOPER_RUN).willReturn(aResponse().withHeader("Content-Type", "text/html")
			.withBody("<html>{\"status\": \"completed\"}</html>")));

		AgentOutcome outcome = invoker().run(call("developer", "{}"));

		assertThat(outcome).isEqualTo(new AgentOutcome.Failed(AgentInvoker.UNREADABLE_RESPONSE, true, false));
	}

	@Test
	void runThenCountsEachCallByAgentAndOutcomeAndTimesIt() {
		agents.stubFor(post("/developer/run").willReturn(okJson("{\"status\": \"completed\"}")));
		agents.stubFor(post("/devops/run").willReturn(okJson("{\"status\": \"failed\", \"error\": \"e\"}")));
		agents.stubFor(post("/designer/run").willReturn(aResponse().withStatus(503).withBody("down")));
		agents.stubFor(post("/overseer/run").willReturn(okJson("{\"status\": \"completed\"}").withFixedDelay(2000)));
		AgentInvoker invoker = invoker();

		invoker.run(call("developer", "{}"));
		invoker.run(call("developer", "{}"));
		invoker.run(call("devops", "{}"));
		invoker.run(call("designer", "{}"));
		invoker.run(call("overseer", "{}", SHORT_TIMEOUT));

		assertThat(callCount("developer", "success")).isEqualTo(2);
		assertThat(callCount("devops", "failed")).isEqualTo(1);
		assertThat(callCount("designer", "error")).isEqualTo(1);
		assertThat(callCount("overseer", "timeout")).isEqualTo(1);
		assertThat(this.registry.find(AgentInvoker.CALLS_METRIC).counters()).hasSize(4);
		assertThat(this.registry.get(AgentInvoker.DURATION_METRIC).tag("agent", "developer").timer().count())
			.isEqualTo(2);
		assertThat(this.registry.get(AgentInvoker.DURATION_METRIC)
			.tag("agent", "overseer")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(SHORT_TIMEOUT.toMillis());
	}

	@Test
	void agentCallWhenTimeoutIsNotPositiveThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> call("developer", "{}", Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> call("developer", "{}", Duration.ofSeconds(-1)));
	}

	private double callCount(String agent, String outcome) {
		return this.registry.get(AgentInvoker.CALLS_METRIC)
			.tag("agent", agent)
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private AgentInvoker invoker() {
		return new AgentInvoker(new AgentsProperties(URI.create(agents.baseUrl()), RUN_PATH, Duration.ofSeconds(1)),
				tokens(), this.registry);
	}

	/**
	 * A service client whose auth service is the WireMock server (answering exchanges).
	 */
	private static ServiceTokenClient tokens() {
		return new ServiceTokenClient(RestClient.create(agents.baseUrl()), "scheduler", "secret",
				List.of("agents:execute"), Duration.ofSeconds(60), 100, Clock.systemUTC());
	}

	@BeforeEach
	void grantExchanges() {
		agents.stubFor(post(EXCHANGE).atPriority(10)
			.willReturn(okJson("{\"access_token\": \"" + EXCHANGED_TOKEN + "\", \"expires_in\": 300}")));
	}

	private AgentCall call(String agent, String payload) {
		return call(agent, payload, TIMEOUT);
	}

	private AgentCall call(String agent, String payload, Duration timeout) {
		return new AgentCall(this.tenantId, this.userId, agent, tree(payload), null, null, timeout, "idem-1",
				UUID.randomUUID().toString());
	}

	private static JsonNode tree(String content) {
		return json.readTree(content);
	}

}
