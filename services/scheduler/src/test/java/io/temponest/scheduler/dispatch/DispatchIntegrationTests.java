package io.temponest.scheduler.dispatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.scheduler.execution.ExecutionOutcomes;
import io.temponest.scheduler.execution.Lease;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller end to end: due occurrences become executions, the agent is called through
 * WireMock, outcomes are recorded with retries and lease take-over (misfires:
 * {@link MisfireIntegrationTests}; lease renewal: {@link LeaseIntegrationTests}).
 */
@SchedulerIntegrationTest
class DispatchIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Polls polls;

	@Autowired
	DueOccurrences due;

	@Autowired
	ExecutionClaims claims;

	@Autowired
	ExecutionOutcomes outcomes;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void drainOtherTestsWork() throws InterruptedException {
		AgentStubs.completing();
		this.polls.runUntilIdle();
	}

	@Test
	void scheduledRunWhenDueThenRunOnceWithTheContractAndNextRunOnTheGrid() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode schedule = create(api, """
				{"name": "hourly", "interval_seconds": 60, "agent_name": "developer",
				 "task_payload": {"task": "Summarise", "context": {"repo": "x"}, "risk_level": "medium"},
				 "project_id": "p-9"}
				""");
		Instant due = Instant.parse(schedule.get("next_run").asString());
		double lagCount = lagCount();
		this.polls.runUntilIdle();
		assertThat(AgentStubs.runsRequested(api.tenantId())).isZero();
		this.clock.advance(Duration.ofSeconds(61));
		this.polls.runUntilIdle();
		this.polls.runUntilIdle();
		assertThat(AgentStubs.runsRequested(api.tenantId())).isEqualTo(1);
		JsonNode run = executions(api, schedule).get(0);
		assertThat(run.get("status").asString()).isEqualTo("completed");
		assertThat(run.get("triggered_by").asString()).isEqualTo("schedule");
		assertThat(Instant.parse(run.get("scheduled_for").asString())).isEqualTo(due);
		String executionId = run.get("id").asString();
		TestEnvironmentAgents.verify(postRequestedFor(urlPathEqualTo("/developer/run"))
			.withHeader("X-Tenant-ID", equalTo(api.tenantId().toString()))
			.withHeader("X-User-ID", equalTo(api.userId().toString()))
			.withHeader("X-Request-ID", equalTo(executionId + "-1"))
			.withRequestBody(matchingJsonPath("$.task", equalTo("Summarise")))
			.withRequestBody(matchingJsonPath("$.context.repo", equalTo("x")))
			.withRequestBody(matchingJsonPath("$.risk_level", equalTo("medium")))
			.withRequestBody(matchingJsonPath("$.project_id", equalTo("p-9")))
			.withRequestBody(matchingJsonPath("$.idempotency_key", equalTo(executionId))));
		JsonNode after = json(this.mvc, api.get("/schedules/{id}", schedule.get("id").asString()), 200);
		assertThat(Instant.parse(after.get("next_run").asString())).isEqualTo(due.plusSeconds(60));
		assertThat(after.get("run_count").asInt()).isEqualTo(1);
		assertThat(lagCount()).isGreaterThan(lagCount);
	}

	@Test
	void retriesWhenRetryableFailuresThenBackoffDoublesAndRunCompletes() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		WireMockServer agents = AgentStubs.completing();
		String tenant = api.tenantId().toString();
		agents.stubFor(post(urlPathMatching("/devops/run")).withHeader("X-Tenant-ID", equalTo(tenant))
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"detail\": \"busy\"}"))
			.willSetStateTo("second"));
		agents.stubFor(post(urlPathMatching("/devops/run")).withHeader("X-Tenant-ID", equalTo(tenant))
			.inScenario("flaky")
			.whenScenarioStateIs("second")
			.willReturn(aResponse().withStatus(502))
			.willSetStateTo("third"));
		agents.stubFor(post(urlPathMatching("/devops/run")).withHeader("X-Tenant-ID", equalTo(tenant))
			.inScenario("flaky")
			.whenScenarioStateIs("third")
			.willReturn(okJson(AgentStubs.COMPLETED)));
		JsonNode schedule = create(api, """
				{"interval_seconds": 3600, "agent_name": "devops", "max_retries": 3, "retry_delay_seconds": 10}
				""");
		this.clock.advance(Duration.ofSeconds(3601));
		this.polls.runUntilIdle();
		JsonNode first = executions(api, schedule).get(0);
		assertThat(first.get("status").asString()).isEqualTo("pending");
		assertThat(first.get("retry_count").asInt()).isEqualTo(1);
		assertThat(first.get("error_message").asString()).contains("503");
		assertThat(Duration.between(this.clock.instant(), Instant.parse(first.get("next_attempt_at").asString())))
			.isBetween(Duration.ofSeconds(9), Duration.ofMillis(10_001));
		this.clock.advance(Duration.ofSeconds(10));
		this.polls.runUntilIdle();
		JsonNode second = executions(api, schedule).get(0);
		assertThat(second.get("retry_count").asInt()).isEqualTo(2);
		assertThat(Duration.between(this.clock.instant(), Instant.parse(second.get("next_attempt_at").asString())))
			.isBetween(Duration.ofSeconds(19), Duration.ofMillis(20_001));
		this.clock.advance(Duration.ofSeconds(20));
		this.polls.runUntilIdle();
		List<JsonNode> runs = list(executions(api, schedule));
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0).get("status").asString()).isEqualTo("completed");
		assertThat(runs.get(0).get("retry_count").asInt()).isEqualTo(2);
		assertThat(runs.get(0).get("error_message").isNull()).isTrue();
		assertThat(AgentStubs.runsRequested(api.tenantId())).isEqualTo(3);
		JsonNode after = json(this.mvc, api.get("/schedules/{id}", schedule.get("id").asString()), 200);
		assertThat(after.get("successful_executions").asInt()).isEqualTo(1);
		assertThat(after.get("failed_executions").asInt()).isZero();
	}

	@Test
	void failureWhenNotRetryableOrRetriesExhaustedThenFailed() throws Exception {
		AgentStubs.failing(404);
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode notFound = create(api, "{\"interval_seconds\": 3600, \"agent_name\": \"nobody\"}");
		this.clock.advance(Duration.ofSeconds(3601));
		this.polls.runUntilIdle();
		JsonNode failed = executions(api, notFound).get(0);
		assertThat(failed.get("status").asString()).isEqualTo("failed");
		assertThat(failed.get("retry_count").asInt()).isZero();
		assertThat(failed.get("error_message").asString()).startsWith("Agent service returned 404");
		AgentStubs.failing(500);
		JsonNode broken = create(api, """
				{"interval_seconds": 3600, "agent_name": "developer", "max_retries": 1, "retry_delay_seconds": 0}
				""");
		this.clock.advance(Duration.ofSeconds(3601));
		this.polls.runUntilIdle();
		JsonNode exhausted = executions(api, broken).get(0);
		assertThat(exhausted.get("status").asString()).isEqualTo("failed");
		assertThat(exhausted.get("retry_count").asInt()).isEqualTo(1);
		assertThat(exhausted.get("error_message").asString()).contains("500");
		assertThat(exhausted.get("completed_at").isNull()).isFalse();
	}

	@Test
	void timeoutWhenAgentTooSlowThenTimeoutStatus() throws Exception {
		WireMockServer agents = AgentStubs.completing();
		agents.stubFor(
				post(urlPathMatching("/designer/run")).willReturn(okJson(AgentStubs.COMPLETED).withFixedDelay(2500)));
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode schedule = create(api, """
				{"interval_seconds": 3600, "agent_name": "designer", "timeout_seconds": 1, "max_retries": 0}
				""");
		this.clock.advance(Duration.ofSeconds(3601));
		this.polls.runUntilIdle();
		JsonNode run = executions(api, schedule).get(0);
		assertThat(run.get("status").asString()).isEqualTo("timeout");
		assertThat(run.get("error_message").asString()).contains("timeout");
	}

	@Test
	void onceWhenRunThenNeverAgain() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode schedule = create(api, """
				{"scheduled_time": "%s", "agent_name": "developer"}
				""".formatted(this.clock.instant().plusSeconds(30)));
		this.clock.advance(Duration.ofSeconds(31));
		this.polls.runUntilIdle();
		this.clock.advance(Duration.ofDays(2));
		this.polls.runUntilIdle();
		assertThat(list(executions(api, schedule))).hasSize(1);
		JsonNode after = json(this.mvc, api.get("/schedules/{id}", schedule.get("id").asString()), 200);
		assertThat(after.get("next_run").isNull()).isTrue();
		assertThat(after.get("run_count").asInt()).isEqualTo(1);
	}

	@Test
	void pausedOrInactiveWhenDueThenNotRun() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		create(api, "{\"interval_seconds\": 60, \"agent_name\": \"developer\", \"is_paused\": true}");
		create(api, "{\"interval_seconds\": 60, \"agent_name\": \"developer\", \"is_active\": false}");
		this.clock.advance(Duration.ofSeconds(61));
		this.polls.runUntilIdle();
		assertThat(AgentStubs.runsRequested(api.tenantId())).isZero();
	}

	@Test
	void leaseWhenExpiredThenTakenOverRetriedOnceAndTheLateResultRefused() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode schedule = create(api, """
				{"interval_seconds": 3600, "agent_name": "developer", "timeout_seconds": 10, "max_retries": 1}
				""");
		UUID scheduleId = UUID.fromString(schedule.get("id").asString());
		this.clock.advance(Duration.ofSeconds(3601));
		this.due.open(this.clock.instant(), 1000);
		ClaimedExecution crashed = this.claims
			.claim("crashed-instance", this.clock.instant(), 1000, Duration.ofSeconds(15))
			.stream()
			.filter((claimed) -> claimed.scheduleId().equals(scheduleId))
			.findFirst()
			.orElseThrow();
		double expirations = this.meters.get("temponest.schedule.lease.expirations").counter().count();
		this.polls.runUntilIdle();
		assertThat(executions(api, schedule).get(0).get("status").asString()).isEqualTo("running");
		this.clock.advance(Duration.ofSeconds(16));
		this.polls.runUntilIdle();
		JsonNode run = executions(api, schedule).get(0);
		assertThat(run.get("status").asString()).isEqualTo("completed");
		assertThat(run.get("retry_count").asInt()).isEqualTo(1);
		assertThat(AgentStubs.runsRequested(api.tenantId())).isEqualTo(1);
		assertThat(this.meters.get("temponest.schedule.lease.expirations").counter().count())
			.isGreaterThan(expirations);
		Lease late = crashed.lease();
		assertThat(this.outcomes.completed(api.tenantId(), late, this.clock.instant(), 1, "late", null, 0,
				BigDecimal.ZERO))
			.isFalse();
		Map<String, Object> row = OwnerDatabase.jdbc()
			.sql("SELECT attempts, agent_task_id FROM scheduler.task_executions WHERE id = :id")
			.param("id", crashed.lease().executionId())
			.query()
			.singleRow();
		assertThat(row).containsEntry("attempts", 2).containsEntry("agent_task_id", "agent-task-1");
	}

	@Test
	void leaseWhenExpiredWithoutRetriesLeftThenFailedWithoutCallingTheAgent() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode schedule = create(api, """
				{"interval_seconds": 3600, "agent_name": "developer", "timeout_seconds": 10, "max_retries": 0}
				""");
		UUID scheduleId = UUID.fromString(schedule.get("id").asString());
		this.clock.advance(Duration.ofSeconds(3601));
		this.due.open(this.clock.instant(), 1000);
		assertThat(this.claims.claim("crashed-instance", this.clock.instant(), 1000, Duration.ofSeconds(15)))
			.anyMatch((claimed) -> claimed.scheduleId().equals(scheduleId));
		this.clock.advance(Duration.ofSeconds(16));
		this.polls.runUntilIdle();
		JsonNode run = executions(api, schedule).get(0);
		assertThat(run.get("status").asString()).isEqualTo("failed");
		assertThat(run.get("error_message").asString()).isEqualTo("Lease expired and no retries left");
		assertThat(AgentStubs.runsRequested(api.tenantId())).isZero();
	}

	@Test
	void retryDelayWhenAttemptsGrowThenDoublesUpToTheCap() {
		ExecutionRunner runner = new ExecutionRunner(null, null, null, null,
				new SchedulerProperties(true, Duration.ofSeconds(1), 10, 1, Duration.ofSeconds(15),
						Duration.ofMinutes(5), "x", Duration.ofHours(1), Duration.ofSeconds(30), 50),
				this.clock);
		assertThat(runner.retryDelay(attempt(1, 60))).isEqualTo(Duration.ofSeconds(60));
		assertThat(runner.retryDelay(attempt(2, 60))).isEqualTo(Duration.ofSeconds(120));
		assertThat(runner.retryDelay(attempt(3, 60))).isEqualTo(Duration.ofSeconds(240));
		assertThat(runner.retryDelay(attempt(4, 60))).isEqualTo(Duration.ofMinutes(5));
		assertThat(runner.retryDelay(attempt(40, 60))).isEqualTo(Duration.ofMinutes(5));
		assertThat(runner.retryDelay(attempt(3, 0))).isEqualTo(Duration.ZERO);
	}

	private static ClaimedExecution attempt(int attempt, int retryDelaySeconds) {
		return new ClaimedExecution(new Lease(UUID.randomUUID(), "x", attempt), UUID.randomUUID(), UUID.randomUUID(),
				UUID.randomUUID(), false, Instant.EPOCH, Instant.EPOCH, "developer",
				tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), null, null, 10, 10,
				retryDelaySeconds);
	}

	@Test
	void healthWhenPollerSwitchedOffThenHealthyWithTheOriginalsFields() throws Exception {
		JsonNode health = json(this.mvc,
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/health"), 200);
		assertThat(health.get("status").asString()).isEqualTo("healthy");
		assertThat(health.get("service").asString()).isEqualTo("scheduler");
		assertThat(health.get("database_connected").asBoolean()).isTrue();
		assertThat(health.has("agent_service_available")).isTrue();
		assertThat(health.has("active_jobs")).isTrue();
		JsonNode actuator = json(this.mvc,
				org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/health"), 200);
		assertThat(actuator.get("status").asString()).isEqualTo("UP");
	}

	private JsonNode create(ApiCaller api, String body) throws Exception {
		return json(this.mvc, api.post(body, "/schedules"), 201);
	}

	private JsonNode executions(ApiCaller api, JsonNode schedule) throws Exception {
		return json(this.mvc, api.get("/schedules/{id}/executions", schedule.get("id").asString()), 200);
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> items = new java.util.ArrayList<>();
		array.forEach(items::add);
		return items;
	}

	private double lagCount() {
		return this.meters.get("temponest.schedule.lag").timer().count();
	}

	/** Verification on the WireMock agents service. */
	private static final class TestEnvironmentAgents {

		static void verify(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
			io.temponest.scheduler.TestEnvironment.agents().verify(1, pattern);
		}

	}

}
