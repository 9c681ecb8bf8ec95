package io.temponest.scheduler.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.security.database.Rows;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two pollers with their own loops, leases and connections against one database: 1,000
 * due schedules of ten tenants are each executed exactly once, none lost, none doubled;
 * and every-second schedules 20 s behind run each missed occurrence exactly once.
 */
@SchedulerIntegrationTest
class ExactlyOnceIntegrationTests {

	private static final int SCHEDULES = 1000;

	@Autowired
	DueOccurrences due;

	@Autowired
	ExecutionClaims claims;

	@Autowired
	ExecutionRunner runner;

	@Autowired
	Backlog backlog;

	@Autowired
	SchedulerMetrics metrics;

	@Autowired
	Clock clock;

	@Autowired
	Polls polls;

	private final JdbcClient owner = OwnerDatabase.jdbc();

	private final List<UUID> tenants = java.util.stream.Stream.generate(UUID::randomUUID).limit(10).toList();

	@AfterEach
	void retireTheSchedules() {
		this.owner
			.sql("UPDATE scheduler.scheduled_tasks SET is_active = false"
					+ " WHERE agent_name IN ('exactly-once', 'exactly-once-late')")
			.update();
	}

	@Test
	void twoPollersWhenThousandSchedulesDueThenEachRunExactlyOnce() throws Exception {
		this.polls.runUntilIdle();
		AgentStubs.completing();
		Instant now = this.clock.instant();
		for (int i = 0; i < SCHEDULES; i++) {
			this.owner.sql("""
					INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds,
						agent_name, task_payload, max_retries, next_execution_at)
					VALUES (:tenant, :user, :name, 'interval', 3600, 'exactly-once', '{"task": "t"}', 0, :due)
					""")
				.param("tenant", this.tenants.get(i % this.tenants.size()))
				.param("user", UUID.randomUUID())
				.param("name", "s" + i)
				.param("due", Rows.timestamp(now.minusSeconds(1 + (i % 7))))
				.update();
		}
		Poller first = poller("poller-a");
		Poller second = poller("poller-b");
		first.start();
		second.start();
		try {
			waitForCompleted("exactly-once", SCHEDULES, Duration.ofSeconds(120));
		}
		finally {
			first.stop();
			second.stop();
		}
		assertThat(completed("exactly-once")).isEqualTo(SCHEDULES);
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.scheduled_tasks t
				WHERE t.agent_name = 'exactly-once'
					AND (SELECT count(*) FROM scheduler.task_executions e WHERE e.scheduled_task_id = t.id) <> 1
				""").query(Long.class).single()).isZero();
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.scheduled_tasks
				WHERE agent_name = 'exactly-once' AND next_execution_at > :now
				""").param("now", Rows.timestamp(now)).query(Long.class).single()).isEqualTo(SCHEDULES);
		List<LoggedRequest> requests = TestEnvironment.agents()
			.findAll(postRequestedFor(urlPathEqualTo("/exactly-once/run")));
		assertThat(requests).hasSize(SCHEDULES);
		Set<String> keys = new HashSet<>();
		for (LoggedRequest request : requests) {
			keys.add(JsonMapper.shared().readTree(request.getBodyAsString()).get("idempotency_key").asString());
		}
		assertThat(keys).hasSize(SCHEDULES);
	}

	@Test
	void twoPollersWhenEverySecondSchedulesAreTwentySecondsBehindThenEveryOccurrenceRunsExactlyOnce() throws Exception {
		this.polls.runUntilIdle();
		AgentStubs.completing();
		Instant now = this.clock.instant();
		int schedules = 50;
		int occurrences = 20;
		for (int i = 0; i < schedules; i++) {
			this.owner.sql("""
					INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds,
						agent_name, task_payload, max_retries, next_execution_at)
					VALUES (:tenant, :user, :name, 'interval', 1, 'exactly-once-late', '{"task": "t"}', 0, :due)
					""")
				.param("tenant", this.tenants.get(i % this.tenants.size()))
				.param("user", UUID.randomUUID())
				.param("name", "late" + i)
				.param("due", Rows.timestamp(now.minusMillis(occurrences * 1000L - 500)))
				.update();
		}
		Poller first = poller("poller-a");
		Poller second = poller("poller-b");
		first.start();
		second.start();
		try {
			waitForCompleted("exactly-once-late", (long) schedules * occurrences, Duration.ofSeconds(120));
		}
		finally {
			first.stop();
			second.stop();
		}
		assertThat(completed("exactly-once-late")).isEqualTo((long) schedules * occurrences);
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.scheduled_tasks t
				WHERE t.agent_name = 'exactly-once-late'
					AND (SELECT count(DISTINCT e.scheduled_for) FROM scheduler.task_executions e
						WHERE e.scheduled_task_id = t.id AND e.status = 'completed') <> :occurrences
				""").param("occurrences", occurrences).query(Long.class).single()).isZero();
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.task_executions
				WHERE agent_name = 'exactly-once-late' AND status <> 'completed'
				""").query(Long.class).single()).isZero();
		List<LoggedRequest> requests = TestEnvironment.agents()
			.findAll(postRequestedFor(urlPathEqualTo("/exactly-once-late/run")));
		assertThat(requests).hasSize(schedules * occurrences);
		Set<String> keys = new HashSet<>();
		for (LoggedRequest request : requests) {
			keys.add(JsonMapper.shared().readTree(request.getBodyAsString()).get("idempotency_key").asString());
		}
		assertThat(keys).hasSize(schedules * occurrences);
	}

	private Poller poller(String instance) {
		SchedulerProperties properties = new SchedulerProperties(true, Duration.ofMillis(20), 50, 16,
				Duration.ofSeconds(15), Duration.ofHours(1), instance, Duration.ofHours(1), Duration.ofSeconds(30), 50);
		return new Poller(this.due, this.claims, this.runner, this.backlog, this.metrics, properties, this.clock);
	}

	private long completed(String agent) {
		return this.owner.sql("""
				SELECT count(*) FROM scheduler.task_executions
				WHERE agent_name = :agent AND status = 'completed'
				""").param("agent", agent).query(Long.class).single();
	}

	private void waitForCompleted(String agent, long expected, Duration timeout) {
		Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> completed(agent) >= expected);
	}

}
