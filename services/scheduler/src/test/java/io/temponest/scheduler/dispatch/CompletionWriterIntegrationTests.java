package io.temponest.scheduler.dispatch;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.temponest.scheduler.AgentStubs;
import io.temponest.scheduler.OwnerDatabase;
import io.temponest.scheduler.SchedulerIntegrationTest;
import io.temponest.scheduler.agent.AgentOutcome;
import io.temponest.scheduler.execution.Lease;
import io.temponest.security.database.Rows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completions written in batches: many runs completing at once are recorded together,
 * each exactly once and with its schedule's counters; every row stays fenced by its lease
 * and its tenant, so an attempt that lost its lease, or a completion naming another
 * tenant, writes nothing while the others of its batch are written.
 */
@SchedulerIntegrationTest
class CompletionWriterIntegrationTests {

	private static final String AGENT = "completion-writer";

	private static final String OWNER = "completion-writer-test";

	@Autowired
	CompletionWriter completions;

	@Autowired
	DueOccurrences due;

	@Autowired
	ExecutionClaims claims;

	@Autowired
	Clock clock;

	@Autowired
	Polls polls;

	private final JdbcClient owner = OwnerDatabase.jdbc();

	private final List<UUID> tenants = List.of(UUID.randomUUID(), UUID.randomUUID());

	@BeforeEach
	void drainOtherTestsWork() throws InterruptedException {
		AgentStubs.completing();
		this.polls.runUntilIdle();
	}

	@AfterEach
	void retireTheSchedules() {
		this.owner.sql("UPDATE scheduler.scheduled_tasks SET is_active = false WHERE agent_name = :agent")
			.param("agent", AGENT)
			.update();
	}

	@Test
	void completeWhenManyRunsFinishAtOnceThenEachWrittenOnceWithItsCounters() throws Exception {
		List<ClaimedExecution> claimed = claimDue(40);
		Instant at = this.clock.instant();
		try (ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Boolean>> written = claimed.stream()
				.map((each) -> runs.submit(() -> this.completions.complete(each.tenantId(), each.lease(), at, 7,
						succeeded("task-" + each.lease().executionId()))))
				.toList();
			for (Future<Boolean> each : written) {
				assertThat(each.get()).isTrue();
			}
		}
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.task_executions
				WHERE agent_name = :agent AND status = 'completed' AND lease_owner IS NULL AND duration_ms = 7
					AND agent_task_id = 'task-' || id AND tokens_used = 3 AND cost_usd = 0.25
					AND result = '{"ok": true}'::jsonb AND completed_at = :at
				""").param("agent", AGENT).param("at", Rows.timestamp(at)).query(Long.class).single()).isEqualTo(40);
		assertThat(this.owner.sql("""
				SELECT count(*) FROM scheduler.scheduled_tasks
				WHERE agent_name = :agent AND total_executions = 1 AND successful_executions = 1
					AND failed_executions = 0 AND last_execution_at = :at
				""").param("agent", AGENT).param("at", Rows.timestamp(at)).query(Long.class).single()).isEqualTo(40);
	}

	@Test
	void completeWhenLeaseTakenOverOrTenantWrongThenNothingWrittenForIt() throws Exception {
		List<ClaimedExecution> claimed = claimDue(3);
		ClaimedExecution held = claimed.get(0);
		ClaimedExecution takenOver = claimed.get(1);
		ClaimedExecution otherTenant = claimed.get(2);
		Instant at = this.clock.instant();
		Lease stale = new Lease(takenOver.lease().executionId(), OWNER, takenOver.attempt() + 1);
		UUID wrongTenant = UUID.randomUUID();
		try (ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Boolean> first = runs
				.submit(() -> this.completions.complete(held.tenantId(), held.lease(), at, 1, succeeded("a")));
			Future<Boolean> second = runs
				.submit(() -> this.completions.complete(takenOver.tenantId(), stale, at, 1, succeeded("b")));
			Future<Boolean> third = runs
				.submit(() -> this.completions.complete(wrongTenant, otherTenant.lease(), at, 1, succeeded("c")));
			assertThat(first.get()).isTrue();
			assertThat(second.get()).isFalse();
			assertThat(third.get()).isFalse();
		}
		assertThat(status(held)).containsEntry("status", "completed");
		assertThat(status(takenOver)).containsEntry("status", "running").containsEntry("lease_owner", OWNER);
		assertThat(status(otherTenant)).containsEntry("status", "running").containsEntry("lease_owner", OWNER);
	}

	private List<ClaimedExecution> claimDue(int count) {
		Instant now = this.clock.instant();
		this.owner.sql("""
				INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds,
					agent_name, task_payload, max_retries, next_execution_at)
				SELECT CASE WHEN g % 2 = 0 THEN CAST(:first AS uuid) ELSE CAST(:second AS uuid) END, gen_random_uuid(),
					'w' || g, 'interval', 3600, :agent, '{"task": "t"}', 0, :due
				FROM generate_series(1, :count) AS g
				""")
			.param("first", this.tenants.get(0))
			.param("second", this.tenants.get(1))
			.param("agent", AGENT)
			.param("count", count)
			.param("due", Rows.timestamp(now.minusSeconds(1)))
			.update();
		this.due.open(now, 1000);
		List<ClaimedExecution> claimed = this.claims.claim(OWNER, now, 1000, Duration.ofSeconds(15))
			.stream()
			.filter((each) -> each.agentName().equals(AGENT))
			.toList();
		assertThat(claimed).hasSize(count);
		return claimed;
	}

	private Map<String, Object> status(ClaimedExecution claimed) {
		return this.owner
			.sql("SELECT status::text AS status, lease_owner FROM scheduler.task_executions WHERE id = :id")
			.param("id", claimed.lease().executionId())
			.query()
			.singleRow();
	}

	private static AgentOutcome.Succeeded succeeded(String taskId) {
		return new AgentOutcome.Succeeded(taskId, JsonNodeFactory.instance.objectNode().put("ok", true), 3,
				new BigDecimal("0.25"));
	}

}
