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
import io.temponest.scheduler.support.Timestamps;
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
 * due schedules of ten tenants are each executed exactly once, none lost, none doubled.
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
		this.owner.sql("UPDATE scheduler.scheduled_tasks SET is_active = false WHERE agent_name = 'exactly-once'")
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
				.param("due", Timestamps.parameter(now.minusSeconds(1 + (i % 7))))
				.update();
		}
		Poller first = poller("poller-a");
		Poller second = poller("poller-b");
		first.start();
		second.start();
		try {
			waitForCompleted(Duration.ofSeconds(120));
		}
		finally {
			first.stop();
			second.stop();
		}
		assertThat(completed()).isEqualTo(SCHEDULES);
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.scheduled_tasks t
				WHERE t.agent_name = 'exactly-once'
					AND (SELECT count(*) FROM scheduler.task_executions e WHERE e.scheduled_task_id = t.id) <> 1
				""").query(Long.class).single()).isZero();
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.scheduled_tasks
				WHERE agent_name = 'exactly-once' AND next_execution_at > :now
				""").param("now", Timestamps.parameter(now)).query(Long.class).single()).isEqualTo(SCHEDULES);
		List<LoggedRequest> requests = TestEnvironment.agents()
			.findAll(postRequestedFor(urlPathEqualTo("/exactly-once/run")));
		assertThat(requests).hasSize(SCHEDULES);
		Set<String> keys = new HashSet<>();
		for (LoggedRequest request : requests) {
			keys.add(JsonMapper.shared().readTree(request.getBodyAsString()).get("idempotency_key").asString());
		}
		assertThat(keys).hasSize(SCHEDULES);
	}

	private Poller poller(String instance) {
		SchedulerProperties properties = new SchedulerProperties(true, Duration.ofMillis(20), 50, 16,
				Duration.ofSeconds(15), Duration.ofHours(1), instance, Duration.ofHours(1), Duration.ofSeconds(30), 50);
		return new Poller(this.due, this.claims, this.runner, this.backlog, this.metrics, properties, this.clock);
	}

	private long completed() {
		return this.owner.sql("""
				SELECT count(*) FROM scheduler.task_executions
				WHERE agent_name = 'exactly-once' AND status = 'completed'
				""").query(Long.class).single();
	}

	private void waitForCompleted(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (completed() >= SCHEDULES) {
				return;
			}
			Thread.sleep(100);
		}
	}

}
