package io.temponest.agents.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /{role}/run} against PostgreSQL, Redis and a WireMock Ollama: every role
 * succeeds when the model answers, provider failures are answered with 502/503/504 and
 * recorded, idempotency keys answer with the first result without a second provider call,
 * and bad input is a problem, never a 500.
 */
@AgentsIntegrationTest
class RunApiIntegrationTests {

	static final String MODEL = "qwen2.5:0.5b";

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MutableClock clock;

	@Autowired
	private IdempotencyPurge purge;

	@ParameterizedTest
	@ValueSource(strings = { "overseer", "developer", "qa-tester", "devops", "designer", "security-auditor",
			"ux-researcher" })
	void everyRoleCompletesWhenTheModelAnswers(String role) {
		String marker = marker();
		ProviderStubs.onPrompt(marker)
			.ollamaAnswer(this.provider, MODEL, "PLAN:\n- Task 1: Build it (Agent: Developer)\nNEXT_STEPS:\n1. Ship",
					40, 60);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		MvcTestResult result = this.mvc
			.perform(caller.post("{\"task\":\"" + marker + " plan the work\"}", "/" + role + "/run"));

		assertThat(result).hasStatusOk();
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("status").asString()).isEqualTo("completed");
		assertThat(body.get("tokens_used").asInt()).isEqualTo(100);
		assertThat(body.get("result").isObject()).isTrue();
		assertThat(body.get("model_info").get("model").asString()).isEqualTo(MODEL);
		assertThat(body.get("model_info").get("provider").asString()).isEqualTo("ollama");
		assertThat(body.get("cost_info").get("total_cost_usd").asDouble()).isZero();
		assertThat(body.get("error").isNull()).isTrue();
		JsonNode execution = ApiCaller
			.json(this.mvc.perform(caller.get("/executions/" + body.get("task_id").asString())));
		assertThat(execution.get("status").asString()).isEqualTo("completed");
		assertThat(execution.get("agent_name").asString()).isEqualTo(role);
		assertThat(execution.get("tokens_used").get("prompt").asInt()).isEqualTo(40);
		assertThat(execution.get("tokens_used").get("completion").asInt()).isEqualTo(60);
		assertThat(execution.get("tokens_used").get("total").asInt()).isEqualTo(100);
	}

	@Test
	void overseerPlanIsParsedIntoTasks() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, """
				PLAN:
				- Task 1: Design the schema (Agent: Developer, Priority: 1)
				- Task 2: Review the rollout (Agent: Overseer, Priority: 2)
				RECOMMENDATIONS:
				Keep migrations small.
				NEXT_STEPS:
				1. Write the migration
				2. Deploy to staging
				""", 10, 20);

		JsonNode body = ApiCaller.json(this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
			.post("{\"task\":\"" + marker + "\"}", "/overseer/run")));

		assertThat(body.get("status").asString()).isEqualTo("completed");
		assertThat(body.get("result").get("plan")).hasSize(2);
		assertThat(body.get("result").get("next_steps")).hasSize(2);
	}

	@Test
	void providerErrorIsABadGatewayProblemAndARecordedFailure() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).failure(this.provider, ProviderStubs.OLLAMA_CHAT, 500, null);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		MvcTestResult result = this.mvc.perform(caller.post("{\"task\":\"" + marker + "\"}", "/developer/run"));

		assertThat(result).hasStatus(502);
		JsonNode problem = ApiCaller.json(result);
		assertThat(problem.get("status").asString()).isEqualTo("failed");
		assertThat(problem.get("error").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isEqualTo(problem.get("error").asString());
		JsonNode execution = ApiCaller
			.json(this.mvc.perform(caller.get("/executions/" + problem.get("task_id").asString())));
		assertThat(execution.get("status").asString()).isEqualTo("failed");
		assertThat(execution.get("error").asString()).isNotBlank();
	}

	@Test
	void providerOverloadedIsServiceUnavailable() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).failure(this.provider, ProviderStubs.OLLAMA_CHAT, 503, "0");

		MvcTestResult result = this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
			.post("{\"task\":\"" + marker + "\"}", "/devops/run"));

		assertThat(result).hasStatus(503);
		assertThat(ApiCaller.json(result).get("status").asString()).isEqualTo("failed");
	}

	@Test
	void providerTooSlowIsAGatewayTimeout() {
		String marker = marker();
		this.provider.stubFor(WireMock.post(WireMock.urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(1)
			.willReturn(WireMock.okJson("{}").withFixedDelay(8000)));

		MvcTestResult result = this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
			.post("{\"task\":\"" + marker + "\"}", "/designer/run"));

		assertThat(result).hasStatus(504);
		assertThat(ApiCaller.json(result).get("status").asString()).isEqualTo("failed");
	}

	@Test
	void sameIdempotencyKeyAnswersTheFirstResultWithoutASecondProviderCall() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "{\"implementation\":\"x\"}", 5, 5);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"key-" + marker + "\"}";

		JsonNode first = ApiCaller.json(this.mvc.perform(caller.post(body, "/developer/run")));
		JsonNode second = ApiCaller
			.json(this.mvc.perform(caller.colleague("agents:execute", "agents:read").post(body, "/developer/run")));

		assertThat(second).isEqualTo(first);
		this.provider.verify(1,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void concurrentRequestsWithOneKeyMakeOneProviderCall() throws Exception {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "{\"implementation\":\"x\"}", 5, 5);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"" + marker + "\"}";
		List<Callable<String>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(() -> ApiCaller.json(this.mvc.perform(caller.post(body, "/developer/run")))
				.get("task_id")
				.asString());
		}

		List<String> taskIds = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Future<String> answer : threads.invokeAll(calls)) {
				taskIds.add(answer.get());
			}
		}

		assertThat(taskIds).hasSize(8).containsOnly(taskIds.get(0));
		this.provider.verify(1,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void expiredIdempotencyKeysArePurgedAndRunAgain() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "{\"implementation\":\"x\"}", 5, 5);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"" + marker + "\"}";
		JsonNode first = ApiCaller.json(this.mvc.perform(caller.post(body, "/developer/run")));

		this.clock.advance(Duration.ofHours(25));
		assertThat(this.purge.purge()).isPositive();
		JsonNode second = ApiCaller.json(this.mvc.perform(caller.post(body, "/developer/run")));

		assertThat(second.get("task_id")).isNotEqualTo(first.get("task_id"));
		this.provider.verify(2,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void idempotencyKeysAreKeptApartByTenant() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "{\"implementation\":\"x\"}", 5, 5);
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"shared-key\"}";

		JsonNode first = ApiCaller
			.json(this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).post(body, "/developer/run")));
		JsonNode second = ApiCaller
			.json(this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).post(body, "/developer/run")));

		assertThat(second.get("task_id")).isNotEqualTo(first.get("task_id"));
		this.provider.verify(2,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void failedRunReleasesItsIdempotencyKey() {
		String marker = marker();
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"" + marker + "\"}";
		ProviderStubs.onPrompt(marker).failureOnce(this.provider, ProviderStubs.OLLAMA_CHAT, 400, null);
		assertThat(this.mvc.perform(caller.post(body, "/developer/run"))).hasStatus(502);
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "{\"implementation\":\"x\"}", 5, 5);

		assertThat(this.mvc.perform(caller.post(body, "/developer/run"))).hasStatusOk();
	}

	@Test
	void badInputIsAProblemAndNeverReachesTheProvider() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		assertThat(this.mvc.perform(caller.post("{\"task\":\"   \"}", "/developer/run"))).hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{}", "/developer/run"))).hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{\"task\":\"" + "a".repeat(5001) + "\"}", "/developer/run")))
			.hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{\"task\":\"x\",\"risk_level\":\"extreme\"}", "/developer/run")))
			.hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{\"task\":\"x\",\"context\":[1,2]}", "/developer/run"))
			.getResponse()
			.getStatus()).isBetween(400, 422);
		assertThat(this.mvc.perform(caller.post("not json", "/developer/run")).getResponse().getStatus()).isBetween(400,
				422);
		assertThat(this.mvc.perform(caller.post("{\"task\":\"x\"}", "/wizard/run"))).hasStatus(404);
		assertThat(ApiCaller.json(this.mvc.perform(caller.post("{\"task\":\"   \"}", "/developer/run")))
			.get("detail")
			.isString()).isTrue();
	}

	@Test
	void taskOverTheTokenBudgetIsRefusedBeforeTheProvider() {
		String marker = marker();
		// 4,900 characters, 3 tokens each in cl100k_base: inside the length limit, over
		// the budget.
		String task = marker + " " + "ᚠ".repeat(4900);

		MvcTestResult result = this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
			.post("{\"task\":\"" + task + "\"}", "/developer/run"));

		assertThat(result).hasStatus(400);
		assertThat(ApiCaller.json(result).get("detail").asString()).isEqualTo("Task exceeds token budget of 8000");
		this.provider.verify(0,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void runsNeedTheExecutePermission() {
		ApiCaller reader = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).colleague("agents:read");

		assertThat(this.mvc.perform(reader.post("{\"task\":\"x\"}", "/developer/run"))).hasStatus(403);
		assertThat(this.mvc.post().uri("/developer/run").contentType("application/json").content("{\"task\":\"x\"}"))
			.hasStatus(401);
	}

	@Test
	void qaTesterIsLimitedToFifteenRunsAMinutePerCaller() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "TEST PLAN", 1, 1);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		for (int i = 0; i < 15; i++) {
			assertThat(this.mvc.perform(caller.post("{\"task\":\"" + marker + "\"}", "/qa-tester/run"))).hasStatusOk();
		}

		MvcTestResult limited = this.mvc.perform(caller.post("{\"task\":\"" + marker + "\"}", "/qa-tester/run"));

		assertThat(limited).hasStatus(429);
		assertThat(limited.getResponse().getHeader("Retry-After")).isNotBlank();
		assertThat(ApiCaller.json(limited).get("detail").isString()).isTrue();
	}

	@Test
	void executionsOfAnotherTenantAreNotFound() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "done", 1, 1);
		JsonNode run = ApiCaller.json(this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
			.post("{\"task\":\"" + marker + "\"}", "/devops/run")));
		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		assertThat(this.mvc.perform(stranger.get("/executions/" + run.get("task_id").asString()))).hasStatus(404);
		assertThat(ApiCaller.json(this.mvc.perform(stranger.get("/executions/")))).isEmpty();
	}

	@Test
	void executionPagesCountEveryMatchingRunAlsoPastTheLastPage() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "done", 1, 1);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		for (String role : new String[] { "devops", "designer" }) {
			assertThat(this.mvc.perform(caller.post("{\"task\":\"" + marker + "\"}", "/" + role + "/run")))
				.hasStatusOk();
		}

		JsonNode first = ApiCaller.json(this.mvc.perform(caller.get("/executions?page=1&page_size=1")));
		JsonNode past = ApiCaller.json(this.mvc.perform(caller.get("/executions?page=5&page_size=1")));
		JsonNode designer = ApiCaller.json(this.mvc.perform(caller.get("/executions?page=1&page_size=5&agent_id="
				+ UUID.nameUUIDFromBytes("temponest:role:designer".getBytes()))));

		assertThat(first.get("total").asInt()).isEqualTo(2);
		assertThat(first.get("executions")).hasSize(1);
		assertThat(past.get("total").asInt()).isEqualTo(2);
		assertThat(past.get("executions")).isEmpty();
		assertThat(designer.get("total").asInt()).isEqualTo(1);
	}

	static String marker() {
		return "m" + UUID.randomUUID().toString().replace("-", "");
	}

}
