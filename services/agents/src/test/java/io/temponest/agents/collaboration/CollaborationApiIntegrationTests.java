package io.temponest.agents.collaboration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Collaboration sessions against PostgreSQL and a WireMock Ollama/OpenAI: each pattern's
 * order and hand-over, parallel steps overlapping, cancel, a failing step and a budget
 * refusal failing the session with their reason, templates, tenant isolation and bad
 * input as problems.
 */
@AgentsIntegrationTest
class CollaborationApiIntegrationTests {

	private static final String MODEL = "qwen2.5:0.5b";

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private MutableClock clock;

	private final ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

	@Test
	void sequentialHandsEachOutputToTheNextAgentInOrder() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "Output of the step " + marker, 10, 20);

		JsonNode accepted = execute("""
				{"pattern":"sequential","agent_ids":["developer","qa_tester","devops"],
				 "initial_message":"Build the login page %s","config":{"pass_full_history":false},
				 "context":{"lang":"java"}}""".formatted(marker), 202);
		assertThat(accepted.get("status").asString()).isEqualTo("running");
		assertThat(accepted.get("tenant_id").asString()).isEqualTo(this.caller.tenantId().toString());
		assertThat(accepted.get("created_at").isString()).isTrue();

		JsonNode session = awaitEnd(accepted.get("id").asString());
		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("agent_ids")).extracting(JsonNode::asString)
			.containsExactly("developer", "qa-tester", "devops");
		JsonNode steps = session.get("results");
		assertThat(steps).hasSize(3);
		assertThat(steps).extracting((step) -> step.get("agent").asString())
			.containsExactly("developer", "qa-tester", "devops");
		assertThat(steps).extracting((step) -> step.get("position").asInt()).containsExactly(0, 1, 2);
		assertThat(steps.get(0).get("input").asString()).isEqualTo("Build the login page " + marker);
		assertThat(steps.get(1).get("input").asString()).contains("Output of the step " + marker);
		assertThat(steps.get(1).get("input").asString()).contains("### developer");
		assertThat(steps.get(2).get("input").asString()).contains("### qa-tester").doesNotContain("### developer");
		for (JsonNode step : steps) {
			assertThat(step.get("status").asString()).isEqualTo("completed");
			assertThat(step.get("output").asString()).isEqualTo("Output of the step " + marker);
			assertThat(step.get("prompt_tokens").asInt()).isEqualTo(10);
			assertThat(step.get("total_tokens").asInt()).isEqualTo(30);
			JsonNode execution = ok(this.caller.get("/executions/" + step.get("execution_id").asString()));
			assertThat(execution.get("status").asString()).isEqualTo("completed");
		}
		assertThat(session.get("result").get("final_output").asString()).isEqualTo("Output of the step " + marker);
		assertThat(session.get("completed_at").isString()).isTrue();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.meters
				.counter("temponest.collaboration.sessions", "pattern", "sequential", "status", "completed")
				.count()).isPositive());
		assertThat(this.meters.get("temponest.collaboration.duration").tag("pattern", "sequential").timer().count())
			.isPositive();
		assertThat(this.meters.get("temponest.collaboration.active").gauge().value()).isNotNegative();
	}

	@Test
	void sequentialWithFullHistoryShowsEveryEarlierOutput() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "Work " + marker, 1, 1);

		JsonNode session = awaitEnd(execute("""
				{"pattern":"sequential","agent_ids":["developer","designer","qa-tester"],
				 "initial_message":"Ship it %s"}""".formatted(marker), 202).get("id").asString());

		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("results").get(2).get("input").asString()).contains("### developer", "### designer");
	}

	@Test
	void parallelStepsRunAtTheSameTime() {
		String marker = marker();
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(2)
			.willReturn(WireMock.okJson(ollama("Finding " + marker)).withFixedDelay(1500)));

		String id = execute("""
				{"pattern":"parallel","agent_ids":["developer","security-auditor","designer"],
				 "messages":["Review the code %1$s","Review the threats %1$s","Review the layout %1$s"]}"""
			.formatted(marker), 202).get("id").asString();

		// When the first answer arrives, every request has already been sent.
		await().atMost(WAIT)
			.until(() -> session(id).get("results")
				.valueStream()
				.anyMatch((step) -> "completed".equals(step.get("status").asString())));
		this.provider.verify(3,
				postRequestedFor(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
		JsonNode session = awaitEnd(id);
		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("results")).extracting((step) -> step.get("input").asString())
			.containsExactly("Review the code " + marker, "Review the threats " + marker,
					"Review the layout " + marker);
		assertThat(session.get("result").get("outputs")).hasSize(3);
		assertThat(session.get("result").get("combined").asString()).contains("### security-auditor");
	}

	@Test
	void parallelWithConcurrencyOneRunsOneStepAtATime() {
		String marker = marker();
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(2)
			.willReturn(WireMock.okJson(ollama("Finding " + marker)).withFixedDelay(300)));

		String id = execute("""
				{"pattern":"parallel","agent_ids":["developer","designer"],"initial_message":"Look %s",
				 "config":{"max_concurrency":1}}""".formatted(marker), 202).get("id").asString();

		// Sampled while it runs: never two steps running at once.
		AtomicInteger mostRunning = new AtomicInteger();
		await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
			JsonNode session = session(id);
			long running = session.get("results")
				.valueStream()
				.filter((step) -> "running".equals(step.get("status").asString()))
				.count();
			mostRunning.accumulateAndGet((int) running, Math::max);
			return !"running".equals(session.get("status").asString());
		});
		assertThat(mostRunning.get()).isLessThanOrEqualTo(1);
		assertThat(session(id).get("status").asString()).isEqualTo("completed");
		assertThat(session(id).get("results")).hasSize(2);
	}

	@Test
	void iterativeStopsWhenAnAgentSaysDone() {
		String marker = marker();
		String scenario = "iterative-" + marker;
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(2)
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("reviewed")
			.willReturn(WireMock.okJson(ollama("Draft one"))));
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(2)
			.inScenario(scenario)
			.whenScenarioStateIs("reviewed")
			.willReturn(WireMock.okJson(ollama("Final version\n**DONE**"))));

		JsonNode session = awaitEnd(execute("""
				{"pattern":"iterative","agent_ids":["developer","qa-tester"],"initial_message":"Refine %s",
				 "config":{"max_iterations":3}}""".formatted(marker), 202).get("id").asString());

		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("results")).hasSize(2);
		assertThat(session.get("results").get(1).get("input").asString()).contains("Draft one", "DONE");
		assertThat(session.get("result").get("final_output").asString()).isEqualTo("Final version");
		assertThat(session.get("result").get("converged").asBoolean()).isTrue();
		assertThat(session.get("result").get("concluded_by").asString()).isEqualTo("qa-tester");
	}

	@Test
	void iterativeEndsAfterMaxIterationsWithoutConverging() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "Still a draft, not done yet", 1, 1);

		JsonNode session = awaitEnd(execute("""
				{"pattern":"iterative","agent_ids":["developer"],"initial_message":"Refine %s",
				 "config":{"max_iterations":2}}""".formatted(marker), 202).get("id").asString());

		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("results")).extracting((step) -> step.get("round").asInt()).containsExactly(1, 2);
		assertThat(session.get("result").get("converged").asBoolean()).isFalse();
	}

	@Test
	void hierarchicalLeadPlansWorkersExecuteLeadSummarises() {
		String marker = marker();
		stubContaining(marker, "Split the work among", "Plan:\n- developer: build the API\n- qa_tester: test the API");
		stubContaining(marker, "build the API", "API built");
		stubContaining(marker, "test the API", "API tested");
		stubContaining(marker, "Summarise your team", "All done: built and tested");

		JsonNode accepted = execute("""
				{"pattern":"hierarchical","coordinator_id":"overseer","worker_ids":["developer","qa-tester"],
				 "task":"Deliver the API %s","config":{"delegation_strategy":"capability_based"}}""".formatted(marker),
				202);
		assertThat(accepted.get("agent_ids")).extracting(JsonNode::asString)
			.containsExactly("overseer", "developer", "qa-tester");

		JsonNode session = awaitEnd(accepted.get("id").asString());
		assertThat(session.get("status").asString()).isEqualTo("completed");
		JsonNode steps = session.get("results");
		assertThat(steps).extracting((step) -> step.get("agent").asString())
			.containsExactly("overseer", "developer", "qa-tester", "overseer");
		assertThat(steps.get(1).get("input").asString()).startsWith("build the API");
		assertThat(steps.get(2).get("input").asString()).startsWith("test the API");
		assertThat(steps.get(3).get("input").asString()).contains("API built", "API tested");
		assertThat(session.get("result").get("final_output").asString()).isEqualTo("All done: built and tested");
		assertThat(session.get("result").get("plan").get(0).get("task").asString()).isEqualTo("build the API");
	}

	@Test
	void cancelStopsThePendingSteps() {
		String marker = marker();
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.atPriority(2)
			.willReturn(WireMock.okJson(ollama("Slow answer")).withFixedDelay(1000)));
		Counter cancelled = this.meters.counter("temponest.collaboration.sessions", "pattern", "sequential", "status",
				"cancelled");
		double before = cancelled.count();
		String id = execute("""
				{"pattern":"sequential","agent_ids":["developer","qa-tester","devops"],"initial_message":"Go %s"}"""
			.formatted(marker), 202).get("id").asString();
		await().atMost(WAIT).until(() -> session(id).get("results").size() == 1);

		JsonNode answer = ok(this.caller.post("", "/collaboration/sessions/{id}/cancel/", id));

		assertThat(answer.get("status").asString()).isEqualTo("failed");
		assertThat(answer.get("cancelled").asBoolean()).isTrue();
		await().atMost(WAIT).until(() -> cancelled.count() > before);
		JsonNode session = session(id);
		assertThat(session.get("status").asString()).isEqualTo("failed");
		assertThat(session.get("cancelled").asBoolean()).isTrue();
		assertThat(session.get("results")).hasSize(1);
		this.provider.verify(1,
				postRequestedFor(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
		// Cancelling again is accepted.
		assertThat(ok(this.caller.post("", "/collaboration/sessions/{id}/cancel", id)).get("status").asString())
			.isEqualTo("failed");
	}

	@Test
	void failingStepFailsTheSessionWithItsReason() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "First " + marker, 1, 1);
		stubFailure("Second step " + marker);

		JsonNode session = awaitEnd(execute("""
				{"pattern":"sequential","agent_ids":["developer","qa-tester","devops"],
				 "messages":["First %1$s","Second step %1$s","Third %1$s"]}""".formatted(marker), 202).get("id")
			.asString());

		assertThat(session.get("status").asString()).isEqualTo("failed");
		assertThat(session.get("cancelled").asBoolean()).isFalse();
		assertThat(session.get("error").asString()).startsWith("Step 2 (qa-tester) failed: ");
		assertThat(session.get("results")).hasSize(2);
		assertThat(session.get("results").get(1).get("status").asString()).isEqualTo("failed");
		assertThat(session.get("results").get(1).get("error").asString()).isNotBlank();
		assertThat(session.get("result").isNull()).isTrue();
	}

	@Test
	void budgetRefusalMidSessionFailsItWithThatReason() {
		String marker = marker();
		String agent = ApiCaller
			.json(this.mvc.perform(
					this.caller.post("{\"name\":\"Pricey\",\"provider\":\"openai\",\"model\":\"gpt-4o\"}", "/agents")))
			.get("id")
			.asString();
		assertThat(this.mvc.perform(this.caller.colleague("tenants:manage", "costs:read")
			.post("{\"daily_limit_usd\": 0.01}", "/costs/budget"))).hasStatusOk();
		ProviderStubs.onPrompt(marker).openAiAnswer(this.provider, "gpt-4o", "Expensive answer", 10_000, 1_000);

		JsonNode session = awaitEnd(execute("""
				{"pattern":"sequential","agent_ids":["%1$s","%1$s"],"initial_message":"Think hard %2$s"}"""
			.formatted(agent, marker), 202).get("id").asString());

		assertThat(session.get("status").asString()).isEqualTo("failed");
		assertThat(session.get("error").asString()).startsWith("Step 2 (" + agent + ") failed: The daily budget");
		assertThat(session.get("results").get(0).get("status").asString()).isEqualTo("completed");
		assertThat(session.get("results").get(0).get("cost_usd").asDouble()).isGreaterThan(0.01);
		this.provider.verify(1,
				postRequestedFor(urlPathEqualTo(ProviderStubs.OPENAI_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void templatesAreListedAndRun() {
		JsonNode templates = ok(this.caller.get("/collaboration/templates/"));
		assertThat(templates).extracting((template) -> template.get("id").asString())
			.containsExactly("full-stack-feature", "security-review", "parallel-analysis");
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "Done for " + marker, 1, 1);

		MvcTestResult started = this.mvc.perform(this.caller.post("{\"input\":\"a login page " + marker + "\"}",
				"/collaboration/templates/{id}/execute", "full-stack-feature"));

		assertThat(started).hasStatus(202);
		JsonNode session = awaitEnd(ApiCaller.json(started).get("id").asString());
		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("pattern").asString()).isEqualTo("sequential");
		assertThat(session.get("results")).extracting((step) -> step.get("agent").asString())
			.containsExactly("developer", "designer", "qa-tester", "devops");
		assertThat(session.get("results").get(0).get("input").asString())
			.startsWith("Implement the backend and the API for this feature: a login page");
		assertThat(this.mvc
			.perform(this.caller.post("{\"input\":\"x\"}", "/collaboration/templates/{id}/execute", "nope")))
			.hasStatus(404);
		assertThat(ok(this.caller.get("/collaboration/patterns")).get("patterns")).hasSize(4);
	}

	@Test
	void sessionsAreListedFilteredAndIsolatedByTenant() {
		ApiCaller own = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String marker = marker();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "ok", 1, 1);
		String first = ApiCaller.json(this.mvc.perform(own.post("""
				{"pattern":"sequential","agent_ids":["developer"],"initial_message":"One %s"}""".formatted(marker),
				"/collaboration/execute/")))
			.get("id")
			.asString();
		this.clock.advance(Duration.ofSeconds(1));
		String second = ApiCaller.json(this.mvc.perform(own.post("""
				{"pattern":"parallel","agent_ids":["developer"],"initial_message":"Two %s"}""".formatted(marker),
				"/collaboration/execute")))
			.get("id")
			.asString();
		await().atMost(WAIT)
			.until(() -> !"running".equals(ok(own.get("/collaboration/sessions/" + first)).get("status").asString())
					&& !"running".equals(ok(own.get("/collaboration/sessions/" + second)).get("status").asString()));

		assertThat(ok(own.get("/collaboration/sessions/"))).extracting((session) -> session.get("id").asString())
			.containsExactly(second, first);
		assertThat(ok(own.get("/collaboration/sessions?pattern=sequential")))
			.extracting((session) -> session.get("id").asString())
			.containsExactly(first);
		assertThat(ok(own.get("/collaboration/sessions?skip=1&limit=1&status=completed")))
			.extracting((session) -> session.get("id").asString())
			.containsExactly(first);

		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		assertThat(this.mvc.perform(stranger.get("/collaboration/sessions/{id}", first))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.post("", "/collaboration/sessions/{id}/cancel", first))).hasStatus(404);
		assertThat(ok(stranger.get("/collaboration/sessions"))).isEmpty();
	}

	@Test
	void badInputIsAProblem() {
		String agent = UUID.randomUUID().toString();
		for (String body : List.of("{\"pattern\":\"circular\",\"agent_ids\":[\"developer\"],\"initial_message\":\"x\"}",
				"{\"pattern\":\"sequential\",\"initial_message\":\"x\"}",
				"{\"pattern\":\"sequential\",\"agent_ids\":[\"developer\"]}",
				"{\"pattern\":\"sequential\",\"agent_ids\":[\"janitor\"],\"initial_message\":\"x\"}",
				"{\"pattern\":\"sequential\",\"agent_ids\":[\"" + agent + "\"],\"initial_message\":\"x\"}",
				"{\"pattern\":\"parallel\",\"agent_ids\":[\"developer\",\"devops\"],\"messages\":[\"a\"]}",
				"{\"pattern\":\"iterative\",\"agent_ids\":[\"developer\"],\"initial_message\":\"x\","
						+ "\"config\":{\"max_iterations\":0}}",
				"{\"pattern\":\"iterative\",\"agent_ids\":[\"developer\"],\"initial_message\":\"x\","
						+ "\"config\":{\"max_iterations\":\"3\"}}",
				"{\"pattern\":\"sequential\",\"agent_ids\":[\"developer\"],\"initial_message\":\"x\","
						+ "\"config\":{\"pass_full_history\":\"yes\"}}",
				"{\"pattern\":\"hierarchical\",\"worker_ids\":[\"developer\"],\"task\":\"x\"}",
				"{\"pattern\":\"hierarchical\",\"coordinator_id\":\"overseer\",\"task\":\"x\"}")) {
			MvcTestResult result = this.mvc.perform(this.caller.post(body, "/collaboration/execute"));
			assertThat(result).as(body).hasStatus(422);
			assertThat(result.getResponse().getContentType()).as(body).startsWith("application/problem+json");
		}
		for (String body : List.of("{}", "not json", "{\"pattern\":\"sequential\",\"agent_ids\":\"developer\"}")) {
			assertThat(this.mvc.perform(this.caller.post(body, "/collaboration/execute"))).as(body)
				.hasStatus4xxClientError();
		}
		for (String query : List.of("status=cancelled", "pattern=ring", "limit=0", "limit=100000", "skip=-1")) {
			MvcTestResult result = this.mvc.perform(this.caller.get("/collaboration/sessions?" + query));
			assertThat(result).as(query).hasStatus4xxClientError();
			assertThat(result.getResponse().getContentType()).as(query).startsWith("application/problem+json");
		}
		assertThat(this.mvc.perform(this.caller.get("/collaboration/sessions/not-a-uuid"))).hasStatus4xxClientError();
		assertThat(this.mvc.perform(this.caller.get("/collaboration/sessions/{id}", UUID.randomUUID()))).hasStatus(404);
		ApiCaller reader = ApiCaller.newTenant(List.of("agents:read"));
		assertThat(this.mvc
			.perform(reader.post("{\"pattern\":\"sequential\",\"agent_ids\":[\"developer\"],\"initial_message\":\"x\"}",
					"/collaboration/execute")))
			.hasStatus(403);
		assertThat(this.mvc.perform(reader.get("/collaboration/sessions"))).hasStatusOk();
		assertThat(this.mvc.perform(ApiCaller.newTenant(List.of("costs:read")).get("/collaboration/sessions")))
			.hasStatus(403);
	}

	private void stubContaining(String marker, String text, String answer) {
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(marker))
			.withRequestBody(containing(text))
			.atPriority(2)
			.willReturn(WireMock.okJson(ollama(answer))));
	}

	private void stubFailure(String text) {
		this.provider.stubFor(WireMock.post(urlPathEqualTo(ProviderStubs.OLLAMA_CHAT))
			.withRequestBody(containing(text))
			.atPriority(1)
			.willReturn(WireMock.aResponse()
				.withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"model crashed\"}")));
	}

	private JsonNode execute(String body, int status) {
		MvcTestResult result = this.mvc.perform(this.caller.post(body, "/collaboration/execute"));
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

	private JsonNode session(String id) {
		return ok(this.caller.get("/collaboration/sessions/{id}", id));
	}

	private JsonNode awaitEnd(String id) {
		await().atMost(WAIT).until(() -> !"running".equals(session(id).get("status").asString()));
		return session(id);
	}

	private JsonNode ok(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) {
		MvcTestResult result = this.mvc.perform(request);
		assertThat(result).hasStatusOk();
		return ApiCaller.json(result);
	}

	private static String ollama(String text) {
		String quoted = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
		return """
				{"model":"qwen2.5:0.5b","created_at":"2026-12-07T10:00:00Z","message":{"role":"assistant",\
				"content":%s},"done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":7}"""
			.formatted(quoted);
	}

	private static String marker() {
		return "collab-" + UUID.randomUUID();
	}

}
