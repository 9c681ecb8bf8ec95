package io.temponest.scheduler.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.temponest.events.EventOutbox;
import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.TestEnvironment;
import io.temponest.security.database.Rows;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.PlatformTransactionManager;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller claims while it opens: a poll opens one batch of due schedules and then
 * claims, so the first runs of a burst start after its first batch, not after the last;
 * and a steady stream of due schedules, every batch full, never keeps ready executions
 * from being claimed and run.
 */
@SchedulerIntegrationTest
class PollerBatchesIntegrationTests {

	private static final String BURST = "poller-burst";

	private static final String STREAM = "poller-stream";

	@Autowired
	EventOutbox events;

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
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Polls polls;

	private final JdbcClient owner = OwnerDatabase.jdbc();

	private final List<UUID> tenants = Stream.generate(UUID::randomUUID).limit(3).toList();

	@BeforeEach
	void drainOtherTestsWork() throws InterruptedException {
		AgentStubs.completing();
		this.polls.runUntilIdle();
	}

	@AfterEach
	void retireTheSchedules() {
		this.owner.sql("UPDATE scheduler.scheduled_tasks SET is_active = false WHERE agent_name IN (:agents)")
			.param("agents", List.of(BURST, STREAM))
			.update();
	}

	@Test
	void pollWhenMoreDueThanOneBatchThenOpensOneBatchAndClaimsFromIt() throws Exception {
		Instant now = this.clock.instant();
		insertDue(BURST, 30, now.minusSeconds(1));
		Poller poller = poller("burst", this.due, 10, 4);
		Poller.Poll first = poller.pollOnce();
		assertThat(first.started()).isEqualTo(4);
		assertThat(first.moreDue()).isTrue();
		assertThat(executions(BURST)).isEqualTo(10);
		assertThat(poller.awaitIdle(Duration.ofSeconds(30))).isTrue();
		Poller.Poll poll;
		do {
			poll = poller.pollOnce();
			assertThat(poller.awaitIdle(Duration.ofSeconds(30))).isTrue();
		}
		while (poll.started() > 0 || poll.moreDue());
		assertThat(executions(BURST)).isEqualTo(30);
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.task_executions
				WHERE agent_name = :agent AND status = 'completed' AND attempts = 1
				""").param("agent", BURST).query(Long.class).single()).isEqualTo(30);
		assertThat(TestEnvironment.agents().findAll(postRequestedFor(urlPathEqualTo("/" + BURST + "/run"))))
			.hasSize(30);
	}

	@Test
	void loopWhenEveryBatchIsFullThenRunsStartWhileTheStreamGoesOn() {
		int batch = 5;
		int maxBatches = 100_000;
		AtomicInteger batches = new AtomicInteger();
		AtomicBoolean streaming = new AtomicBoolean(true);
		DueOccurrences stream = new DueOccurrences(this.jdbc, this.transactions, this.metrics, this.events,
				properties("stream", batch, 8)) {

			@Override
			Batch open(Instant now, int limit) {
				if (streaming.get() && batches.incrementAndGet() < maxBatches) {
					insertDue(STREAM, limit, now.minusMillis(1));
				}
				return super.open(now, limit);
			}

		};
		Poller poller = poller("stream", stream, batch, 8);
		poller.start();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> completed(STREAM) >= 20);
			assertThat(batches.get()).isLessThan(maxBatches);
		}
		finally {
			streaming.set(false);
			poller.stop();
		}
	}

	private Poller poller(String instance, DueOccurrences occurrences, int batch, int slots) {
		return new Poller(occurrences, this.claims, this.runner, this.backlog, this.metrics,
				properties(instance, batch, slots), this.clock);
	}

	private static SchedulerProperties properties(String instance, int batch, int slots) {
		return new SchedulerProperties(true, Duration.ofMillis(20), batch, slots, Duration.ofSeconds(15),
				Duration.ofHours(1), instance, Duration.ofHours(1), Duration.ofSeconds(30), 50);
	}

	private void insertDue(String agent, int count, Instant due) {
		this.owner.sql("""
				INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds,
					agent_name, task_payload, max_retries, next_execution_at)
				SELECT (CAST(:tenants AS uuid[]))[1 + g % 3], gen_random_uuid(), :agent || '-' || g, 'interval', 3600,
					:agent, '{"task": "t"}', 0, :due
				FROM generate_series(1, :count) AS g
				""")
			.param("tenants", new SqlArrayValue("text", this.tenants.stream().map(UUID::toString).toArray()))
			.param("agent", agent)
			.param("count", count)
			.param("due", Rows.timestamp(due))
			.update();
	}

	private long executions(String agent) {
		return this.owner.sql("SELECT count(*) FROM scheduler.task_executions WHERE agent_name = :agent")
			.param("agent", agent)
			.query(Long.class)
			.single();
	}

	private long completed(String agent) {
		return this.owner
			.sql("SELECT count(*) FROM scheduler.task_executions WHERE agent_name = :agent AND status = 'completed'")
			.param("agent", agent)
			.query(Long.class)
			.single();
	}

}
