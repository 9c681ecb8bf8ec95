package io.temponest.scheduler.dispatch;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.scheduler.execution.ExecutionOutcomes;
import io.temponest.security.database.Rows;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Short, renewed leases (15 s in the tests, the default): a run whose instance stops
 * renewing is claimed again about one lease later whatever its timeout, with the same
 * idempotency key; a live run longer than its lease keeps it; a run that lost its lease
 * is fenced by the renewal and writes nothing.
 */
@SchedulerIntegrationTest
class LeaseIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(15);

	private static final Duration AGENT_DELAY = Duration.ofSeconds(4);

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Polls polls;

	@Autowired
	Poller poller;

	@Autowired
	DueOccurrences due;

	@Autowired
	ExecutionClaims claims;

	@Autowired
	ExecutionOutcomes outcomes;

	@Autowired
	MeterRegistry meters;

	private final JdbcClient owner = OwnerDatabase.jdbc();

	private ApiCaller api;

	@BeforeEach
	void drainOtherTestsWork() throws InterruptedException {
		AgentStubs.completing();
		this.polls.runUntilIdle();
		this.api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
	}

	@Test
	void ownerWhenItStopsRenewingThenRunClaimedAgainAfterOneLeaseWithTheSameKeyDespiteAnHourTimeout() throws Exception {
		UUID scheduleId = createHourly();
		this.clock.advance(Duration.ofSeconds(3601));
		this.due.open(this.clock.instant(), 1000);
		ClaimedExecution crashed = this.claims.claim("crashed-instance", this.clock.instant(), 1000, LEASE)
			.stream()
			.filter((claimed) -> claimed.scheduleId().equals(scheduleId))
			.findFirst()
			.orElseThrow();
		double expirations = this.meters.get("temponest.schedule.lease.expirations").counter().count();
		this.clock.advance(Duration.ofSeconds(10));
		this.polls.runUntilIdle();
		assertThat(row(crashed)).containsEntry("status", "running").containsEntry("lease_owner", "crashed-instance");
		this.clock.advance(Duration.ofSeconds(6));
		this.polls.runUntilIdle();
		assertThat(row(crashed)).containsEntry("status", "completed")
			.containsEntry("attempts", 2)
			.containsEntry("agent_task_id", "agent-task-1");
		List<LoggedRequest> calls = agentCalls();
		assertThat(calls).hasSize(1);
		assertThat(JsonMapper.shared().readTree(calls.get(0).getBodyAsString()).get("idempotency_key").asString())
			.isEqualTo(crashed.lease().executionId().toString());
		assertThat(this.meters.get("temponest.schedule.lease.expirations").counter().count())
			.isGreaterThan(expirations);
		assertThat(this.outcomes.completed(this.api.tenantId(), crashed.lease(), this.clock.instant(), 1, "late", null,
				0, BigDecimal.ZERO))
			.isFalse();
		assertThat(row(crashed)).containsEntry("agent_task_id", "agent-task-1");
	}

	@Test
	void liveRunWhenLongerThanItsLeaseThenRenewedAndNeverTakenOver() throws Exception {
		slowAgent();
		UUID scheduleId = createHourly();
		UUID execution = trigger(scheduleId);
		assertThat(this.poller.pollOnce().started()).isEqualTo(1);
		for (int renewal = 0; renewal < 4; renewal++) {
			this.clock.advance(LEASE.dividedBy(3));
			assertThat(this.poller.renewLeases()).isZero();
		}
		Instant now = this.clock.instant();
		assertThat(this.claims.claim("other-instance", now, 1000, LEASE))
			.noneMatch((claimed) -> claimed.scheduleId().equals(scheduleId));
		assertThat(this.owner.sql("SELECT lease_expires_at FROM scheduler.task_executions WHERE id = :id")
			.param("id", execution)
			.query((rs, row) -> Rows.requiredInstant(rs, "lease_expires_at"))
			.single()).isCloseTo(now.plus(LEASE), within(1, ChronoUnit.MILLIS));
		assertThat(this.poller.awaitIdle(Duration.ofSeconds(30))).isTrue();
		Map<String, Object> row = this.owner
			.sql("SELECT status::text AS status, attempts FROM scheduler.task_executions WHERE id = :id")
			.param("id", execution)
			.query()
			.singleRow();
		assertThat(row).containsEntry("status", "completed").containsEntry("attempts", 1);
		assertThat(agentCalls()).hasSize(1);
	}

	@Test
	void runWhenItsLeaseWasTakenOverThenTheRenewalFencesItAndItWritesNothing() throws Exception {
		slowAgent();
		UUID scheduleId = createHourly();
		UUID execution = trigger(scheduleId);
		assertThat(this.poller.pollOnce().started()).isEqualTo(1);
		double fenced = renewalFailures("fenced");
		double refused = this.meters.get("temponest.schedule.claim.conflicts").tag("stage", "finish").counter().count();
		// this instance could not renew for longer than a lease: another instance takes
		// over
		this.clock.advance(LEASE.plusSeconds(1));
		ClaimedExecution thief = this.claims.claim("other-instance", this.clock.instant(), 1000, LEASE)
			.stream()
			.filter((claimed) -> claimed.scheduleId().equals(scheduleId))
			.findFirst()
			.orElseThrow();
		assertThat(thief.attempt()).isEqualTo(2);
		assertThat(this.poller.renewLeases()).isEqualTo(1);
		assertThat(renewalFailures("fenced")).isEqualTo(fenced + 1);
		assertThat(this.poller.awaitIdle(Duration.ofSeconds(30))).isTrue();
		Map<String, Object> row = this.owner.sql("""
				SELECT status::text AS status, attempts, lease_owner, agent_task_id FROM scheduler.task_executions
				WHERE id = :id
				""").param("id", execution).query().singleRow();
		assertThat(row).containsEntry("status", "running")
			.containsEntry("attempts", 2)
			.containsEntry("lease_owner", "other-instance")
			.containsEntry("agent_task_id", null);
		assertThat(this.meters.get("temponest.schedule.claim.conflicts").tag("stage", "finish").counter().count())
			.isEqualTo(refused + 1);
		assertThat(this.outcomes.completed(this.api.tenantId(), thief.lease(), this.clock.instant(), 1, "thief", null,
				0, BigDecimal.ZERO))
			.isTrue();
	}

	private UUID createHourly() throws Exception {
		JsonNode schedule = json(this.mvc, this.api.post("""
				{"interval_seconds": 3600, "agent_name": "developer", "timeout_seconds": 3600, "max_retries": 1}
				""", "/schedules"), 201);
		return UUID.fromString(schedule.get("id").asString());
	}

	private void slowAgent() {
		TestEnvironment.agents()
			.stubFor(post(urlPathMatching("/developer/run"))
				.withHeader("X-Tenant-ID", equalTo(this.api.tenantId().toString()))
				.willReturn(okJson(AgentStubs.COMPLETED).withFixedDelay((int) AGENT_DELAY.toMillis())));
	}

	/**
	 * Queue a run now: the clock does not move, so no other test's schedule becomes due
	 * and the next poll claims this run only.
	 */
	private UUID trigger(UUID scheduleId) throws Exception {
		JsonNode queued = json(this.mvc, this.api.post("", "/schedules/{id}/trigger", scheduleId), 202);
		return UUID.fromString(queued.get("id").asString());
	}

	private Map<String, Object> row(ClaimedExecution claimed) {
		return this.owner.sql("""
				SELECT status::text AS status, attempts, lease_owner, agent_task_id FROM scheduler.task_executions
				WHERE id = :id
				""").param("id", claimed.lease().executionId()).query().singleRow();
	}

	private List<LoggedRequest> agentCalls() {
		return TestEnvironment.agents()
			.findAll(WireMock.postRequestedFor(urlPathMatching("/[a-z0-9_-]+/run"))
				.withHeader("X-Tenant-ID", equalTo(this.api.tenantId().toString())));
	}

	private double renewalFailures(String reason) {
		return this.meters.get("temponest.schedule.lease.renewal.failures").tag("reason", reason).counter().count();
	}

}
