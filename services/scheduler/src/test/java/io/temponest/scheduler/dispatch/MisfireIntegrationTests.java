package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.events.EventOutbox;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The misfire policy: occurrences found at most the misfire threshold (30 s) late all
 * run, each once; older ones are skipped, counted and shown in the history as a
 * {@code skipped} execution; the occurrences opened per schedule and poll are capped.
 */
@SchedulerIntegrationTest
class MisfireIntegrationTests {

	private static final String EVERY_SECOND = """
			{"name": "every second", "cron_expression": "* * * * * *", "agent_name": "developer"}
			""";

	@Autowired
	EventOutbox events;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Polls polls;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	SchedulerMetrics metrics;

	private final JdbcClient owner = OwnerDatabase.jdbc();

	private ApiCaller api;

	@BeforeEach
	void drainOtherTestsWork() throws InterruptedException {
		AgentStubs.completing();
		this.polls.runUntilIdle();
		this.api = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
	}

	@AfterEach
	void retireTheSchedules() {
		this.owner.sql("UPDATE scheduler.scheduled_tasks SET is_active = false WHERE tenant_id = :tenant")
			.param("tenant", this.api.tenantId())
			.update();
	}

	@Test
	void everySecondWhenPollIsLateByMoreThanASecondThenBothOccurrencesRun() throws Exception {
		JsonNode schedule = create(EVERY_SECOND);
		Instant due = Instant.parse(schedule.get("next_run").asString());
		double misfires = misfires();
		advanceTo(due.plusMillis(1300));
		this.polls.runUntilIdle();
		List<JsonNode> runs = executions(schedule, "");
		assertThat(runs).extracting((run) -> Instant.parse(run.get("scheduled_for").asString()))
			.containsExactlyInAnyOrder(due, due.plusSeconds(1));
		assertThat(runs).allSatisfy((run) -> assertThat(run.get("status").asString()).isEqualTo("completed"));
		assertThat(AgentStubs.runsRequested(this.api.tenantId())).isEqualTo(2);
		assertThat(misfires()).isEqualTo(misfires);
		assertThat(Instant.parse(schedule(schedule).get("next_run").asString())).isEqualTo(due.plusSeconds(2));
	}

	@Test
	void everySecondWhenRestartedAfterTwentySecondsThenEveryOccurrenceRunsOnceAndNoneIsSkipped() throws Exception {
		JsonNode schedule = create(EVERY_SECOND);
		Instant due = Instant.parse(schedule.get("next_run").asString());
		double misfires = misfires();
		advanceTo(due.plusMillis(19_500));
		this.polls.runUntilIdle();
		List<JsonNode> runs = executions(schedule, "");
		assertThat(runs).hasSize(20);
		Set<Instant> occurrences = new HashSet<>();
		Set<Integer> numbers = new HashSet<>();
		for (JsonNode run : runs) {
			assertThat(run.get("status").asString()).isEqualTo("completed");
			occurrences.add(Instant.parse(run.get("scheduled_for").asString()));
			numbers.add(run.get("execution_number").asInt());
		}
		assertThat(occurrences).hasSize(20).allSatisfy((at) -> assertThat(at).isBetween(due, due.plusSeconds(19)));
		assertThat(numbers).hasSize(20);
		List<LoggedRequest> calls = TestEnvironment.agents()
			.findAll(postRequestedFor(urlPathMatching("/developer/run")).withHeader("X-Tenant-ID",
					equalTo(this.api.tenantId().toString())));
		Set<String> keys = new HashSet<>();
		for (LoggedRequest call : calls) {
			keys.add(JsonMapper.shared().readTree(call.getBodyAsString()).get("idempotency_key").asString());
		}
		assertThat(calls).hasSize(20);
		assertThat(keys).hasSize(20);
		assertThat(misfires()).isEqualTo(misfires);
		JsonNode after = schedule(schedule);
		assertThat(Instant.parse(after.get("next_run").asString())).isEqualTo(due.plusSeconds(20));
		assertThat(after.get("run_count").asInt()).isEqualTo(20);
	}

	@Test
	void everySecondWhenFoundBeyondTheThresholdThenOlderOccurrencesSkippedCountedAndInTheHistory() throws Exception {
		JsonNode schedule = create(EVERY_SECOND);
		Instant due = Instant.parse(schedule.get("next_run").asString());
		double misfires = misfires();
		advanceTo(due.plusMillis(100_500));
		this.polls.runUntilIdle();
		// due + 0 .. due + 70 are more than 30 s late; due + 71 .. due + 100 run
		List<JsonNode> skipped = executions(schedule, "?status=skipped");
		assertThat(skipped).hasSize(1);
		JsonNode record = skipped.get(0);
		assertThat(Instant.parse(record.get("scheduled_for").asString())).isEqualTo(due);
		assertThat(record.get("triggered_by").asString()).isEqualTo("schedule");
		assertThat(record.get("error_message").asString()).startsWith("71 occurrences due from " + due)
			.contains("more than 30 s late (misfire threshold)");
		assertThat(record.get("completed_at").isNull()).isFalse();
		List<JsonNode> runs = executions(schedule, "?status=completed");
		assertThat(runs).hasSize(30)
			.allSatisfy((run) -> assertThat(Instant.parse(run.get("scheduled_for").asString()))
				.isBetween(due.plusSeconds(71), due.plusSeconds(100)));
		assertThat(executions(schedule, "")).hasSize(31);
		assertThat(AgentStubs.runsRequested(this.api.tenantId())).isEqualTo(30);
		assertThat(misfires()).isGreaterThanOrEqualTo(misfires + 71);
		JsonNode after = schedule(schedule);
		assertThat(after.get("run_count").asInt()).isEqualTo(30);
		assertThat(Instant.parse(after.get("next_run").asString())).isEqualTo(due.plusSeconds(101));
	}

	@Test
	void intervalWhenFoundBeyondTheThresholdThenOnlyTheRecentOccurrenceRuns() throws Exception {
		JsonNode schedule = create("{\"interval_seconds\": 60, \"agent_name\": \"developer\"}");
		Instant due = Instant.parse(schedule.get("next_run").asString());
		double misfires = misfires();
		advanceTo(due.plusSeconds(250));
		this.polls.runUntilIdle();
		// due + 0, 60, 120, 180 are more than 30 s late, due + 240 is 10 s late
		List<JsonNode> runs = executions(schedule, "?status=completed");
		assertThat(runs).hasSize(1);
		assertThat(Instant.parse(runs.get(0).get("scheduled_for").asString())).isEqualTo(due.plusSeconds(240));
		List<JsonNode> skipped = executions(schedule, "?status=skipped");
		assertThat(skipped).hasSize(1);
		assertThat(skipped.get(0).get("error_message").asString()).startsWith("4 occurrences due from " + due);
		assertThat(misfires()).isGreaterThanOrEqualTo(misfires + 4);
		assertThat(Instant.parse(schedule(schedule).get("next_run").asString())).isEqualTo(due.plusSeconds(300));
	}

	@Test
	void dailyWhenFoundMinutesLateAfterAnOutageThenItStillRunsOnce() throws Exception {
		JsonNode schedule = create("{\"cron_expression\": \"0 9 * * *\", \"agent_name\": \"developer\"}");
		Instant due = Instant.parse(schedule.get("next_run").asString());
		advanceTo(due.plusSeconds(120));
		this.polls.runUntilIdle();
		assertThat(executions(schedule, "?status=completed"))
			.extracting((run) -> Instant.parse(run.get("scheduled_for").asString()))
			.containsExactly(due);
		assertThat(executions(schedule, "?status=skipped")).isEmpty();
		assertThat(Instant.parse(schedule(schedule).get("next_run").asString()))
			.isEqualTo(due.plus(Duration.ofDays(1)));
	}

	@Test
	void dailyWhenFoundDaysLateThenTheOldestRunsOnceAndTheRestAreSkipped() throws Exception {
		JsonNode schedule = create("{\"cron_expression\": \"0 9 * * *\", \"agent_name\": \"developer\"}");
		Instant due = Instant.parse(schedule.get("next_run").asString());
		advanceTo(due.plus(Duration.ofDays(2)).plusSeconds(3600));
		this.polls.runUntilIdle();
		assertThat(executions(schedule, "?status=completed"))
			.extracting((run) -> Instant.parse(run.get("scheduled_for").asString()))
			.containsExactly(due);
		List<JsonNode> skipped = executions(schedule, "?status=skipped");
		assertThat(skipped).hasSize(1);
		assertThat(skipped.get(0).get("error_message").asString()).startsWith("2 occurrences due after " + due);
	}

	@Test
	void scheduleWithItsOwnThresholdWhenFoundLateThenEveryOccurrenceWithinItRuns() throws Exception {
		JsonNode schedule = create("""
				{"interval_seconds": 60, "agent_name": "developer", "misfire_threshold_seconds": 300}
				""");
		assertThat(schedule.get("misfire_threshold_seconds").asInt()).isEqualTo(300);
		Instant due = Instant.parse(schedule.get("next_run").asString());
		advanceTo(due.plusSeconds(250));
		this.polls.runUntilIdle();
		assertThat(executions(schedule, "?status=completed"))
			.extracting((run) -> Instant.parse(run.get("scheduled_for").asString()))
			.containsExactlyInAnyOrder(due, due.plusSeconds(60), due.plusSeconds(120), due.plusSeconds(180),
					due.plusSeconds(240));
		assertThat(executions(schedule, "?status=skipped")).isEmpty();
		JsonNode patched = json(this.mvc,
				this.api.patch("{\"misfire_threshold_seconds\": 0}", "/schedules/{id}", schedule.get("id").asString()),
				200);
		assertThat(patched.get("misfire_threshold_seconds").asInt()).isZero();
		assertThat(create("{\"interval_seconds\": 60, \"agent_name\": \"developer\"}").get("misfire_threshold_seconds")
			.isNull()).isTrue();
	}

	@Test
	void lateOccurrencesWhenMoreThanTheCapThenOpenedOverSeveralPollsEachOnce() throws Exception {
		DueOccurrences capped = new DueOccurrences(this.jdbc, this.transactions, this.metrics, this.events,
				new SchedulerProperties(false, Duration.ofSeconds(1), 500, 64, Duration.ofSeconds(15),
						Duration.ofHours(1), "capped", Duration.ofHours(1), Duration.ofSeconds(30), 6));
		JsonNode schedule = create(EVERY_SECOND);
		UUID id = UUID.fromString(schedule.get("id").asString());
		Instant due = Instant.parse(schedule.get("next_run").asString());
		advanceTo(due.plusMillis(19_500));
		List<Long> opened = new ArrayList<>();
		for (int poll = 0; poll < 5; poll++) {
			capped.open(this.clock.instant(), 500);
			opened.add(this.owner.sql("SELECT count(*) FROM scheduler.task_executions WHERE scheduled_task_id = :id")
				.param("id", id)
				.query(Long.class)
				.single());
		}
		assertThat(opened).containsExactly(6L, 12L, 18L, 20L, 20L);
		assertThat(this.owner.sql("""
				SELECT count(DISTINCT scheduled_for) FROM scheduler.task_executions
				WHERE scheduled_task_id = :id AND status = 'pending'
				""").param("id", id).query(Long.class).single()).isEqualTo(20);
		this.polls.runUntilIdle();
		assertThat(AgentStubs.runsRequested(this.api.tenantId())).isEqualTo(20);
	}

	private void advanceTo(Instant instant) {
		this.clock.advance(Duration.between(this.clock.instant(), instant));
	}

	private double misfires() {
		return this.meters.get("temponest.schedule.misfires").counter().count();
	}

	private JsonNode create(String body) throws Exception {
		return json(this.mvc, this.api.post(body, "/schedules"), 201);
	}

	private JsonNode schedule(JsonNode schedule) throws Exception {
		return json(this.mvc, this.api.get("/schedules/{id}", schedule.get("id").asString()), 200);
	}

	private List<JsonNode> executions(JsonNode schedule, String query) throws Exception {
		JsonNode array = json(this.mvc,
				this.api.get("/schedules/{id}/executions" + query + (query.isEmpty() ? "?" : "&") + "limit=100",
						schedule.get("id").asString()),
				200);
		List<JsonNode> items = new ArrayList<>();
		array.forEach(items::add);
		return items;
	}

}
