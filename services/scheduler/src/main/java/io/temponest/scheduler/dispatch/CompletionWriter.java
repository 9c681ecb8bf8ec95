package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.temponest.scheduler.agent.AgentOutcome;
import io.temponest.scheduler.execution.ExecutionOutcomes;
import io.temponest.scheduler.execution.Lease;
import io.temponest.security.database.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Records completed attempts in batches (group commit): a run hands its completion over
 * and waits for it to be written; one writer thread records every completion waiting, up
 * to {@value #MAX_BATCH}, in one statement ({@code scheduler.complete_executions}, each
 * row fenced by its execution, tenant, lease owner and attempt) and so in one
 * transaction. While one batch is written the next one gathers, so a burst costs one
 * round trip and one commit per batch instead of three round trips and a commit per
 * execution. A batch that fails (a deadlock with another instance over a schedule's
 * counters, a bad row) is recorded again one completion at a time, each in its tenant's
 * transaction ({@link ExecutionOutcomes}), so a failure reaches only the runs it belongs
 * to; when the database is unavailable the whole batch fails at once, and its runs'
 * leases expire and they are retried, as for any write that fails.
 */
@Component
class CompletionWriter implements AutoCloseable {

	static final int MAX_BATCH = 256;

	private static final Logger log = LoggerFactory.getLogger(CompletionWriter.class);

	private static final long WAIT_STEP_MILLIS = 1000;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ExecutionOutcomes outcomes;

	private final BlockingQueue<Completion> queue = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean closed;

	CompletionWriter(JdbcClient jdbc, JsonMapper json, ExecutionOutcomes outcomes) {
		this.jdbc = jdbc;
		this.json = json;
		this.outcomes = outcomes;
		this.writer = Thread.ofPlatform().name("scheduler-completion-writer").daemon().start(this::loop);
	}

	/**
	 * Record a completed attempt, together with the others completed meanwhile, and wait
	 * until it is written.
	 * @param tenantId the execution's tenant
	 * @param lease the attempt
	 * @param at when it finished
	 * @param durationMs how long it took
	 * @param done the agent's answer
	 * @return whether the attempt still held its lease (and its outcome was written)
	 */
	boolean complete(UUID tenantId, Lease lease, Instant at, long durationMs, AgentOutcome.Succeeded done) {
		Completion completion = new Completion(tenantId, lease, at, durationMs, done, new CompletableFuture<>());
		if (this.closed) {
			return writeAlone(completion);
		}
		this.queue.add(completion);
		while (true) {
			try {
				return completion.written().get(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				// the writer is gone (shut down, or ended by an error): write it here
				if ((this.closed || !this.writer.isAlive()) && this.queue.remove(completion)) {
					return writeAlone(completion);
				}
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the completion was written", ex);
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.writer.interrupt();
		try {
			this.writer.join(Duration.ofSeconds(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void loop() {
		List<Completion> batch = new ArrayList<>(MAX_BATCH);
		while (!this.closed) {
			try {
				batch.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				break;
			}
			this.queue.drainTo(batch, MAX_BATCH - 1);
			write(batch);
			batch.clear();
		}
		this.queue.drainTo(batch);
		write(batch);
	}

	private void write(List<Completion> batch) {
		Map<String, List<Completion>> byOwner = new LinkedHashMap<>();
		for (Completion each : batch) {
			byOwner.computeIfAbsent(each.lease().owner(), (owner) -> new ArrayList<>()).add(each);
		}
		byOwner.forEach(this::writeBatch);
	}

	private void writeBatch(String owner, List<Completion> batch) {
		Set<UUID> written;
		try {
			written = writeAll(owner, batch);
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.isCauseOf(ex)) {
				// one at a time, each would only wait for the database again
				batch.forEach((each) -> each.written().completeExceptionally(ex));
				return;
			}
			log.info("A batch of {} completions could not be written at once ({}); writing each alone", batch.size(),
					ex.getMessage());
			for (Completion each : batch) {
				try {
					each.written().complete(writeAlone(each));
				}
				catch (RuntimeException failure) {
					each.written().completeExceptionally(failure);
				}
			}
			return;
		}
		for (Completion each : batch) {
			each.written().complete(written.contains(each.lease().executionId()));
		}
	}

	private Set<UUID> writeAll(String owner, List<Completion> batch) {
		int size = batch.size();
		Object[] ids = new Object[size];
		Object[] tenants = new Object[size];
		Object[] attempts = new Object[size];
		Object[] at = new Object[size];
		Object[] durations = new Object[size];
		Object[] agentTasks = new Object[size];
		Object[] results = new Object[size];
		Object[] tokens = new Object[size];
		Object[] costs = new Object[size];
		for (int i = 0; i < size; i++) {
			Completion each = batch.get(i);
			ids[i] = each.lease().executionId().toString();
			tenants[i] = each.tenantId().toString();
			attempts[i] = Integer.toString(each.lease().attempt());
			at[i] = each.at().toString();
			durations[i] = Long.toString(each.durationMs());
			agentTasks[i] = each.done().agentTaskId();
			results[i] = this.json.writeValueAsString(each.done().result());
			tokens[i] = Integer.toString(each.done().tokensUsed());
			costs[i] = each.done().costUsd().toPlainString();
		}
		return new HashSet<>(this.jdbc.sql("""
				SELECT scheduler.complete_executions(:owner, CAST(:ids AS uuid[]), CAST(:tenants AS uuid[]),
					CAST(:attempts AS integer[]), CAST(:at AS timestamptz[]), CAST(:durations AS bigint[]),
					CAST(:agentTasks AS varchar[]), CAST(:results AS jsonb[]), CAST(:tokens AS integer[]),
					CAST(:costs AS numeric[]))
				""")
			.param("owner", owner)
			.param("ids", new SqlArrayValue("text", ids))
			.param("tenants", new SqlArrayValue("text", tenants))
			.param("attempts", new SqlArrayValue("text", attempts))
			.param("at", new SqlArrayValue("text", at))
			.param("durations", new SqlArrayValue("text", durations))
			.param("agentTasks", new SqlArrayValue("text", agentTasks))
			.param("results", new SqlArrayValue("text", results))
			.param("tokens", new SqlArrayValue("text", tokens))
			.param("costs", new SqlArrayValue("text", costs))
			.query(UUID.class)
			.list());
	}

	private boolean writeAlone(Completion completion) {
		AgentOutcome.Succeeded done = completion.done();
		return this.outcomes.completed(completion.tenantId(), completion.lease(), completion.at(),
				completion.durationMs(), done.agentTaskId(), done.result(), done.tokensUsed(), done.costUsd());
	}

	/** A completed attempt waiting to be written, and the answer its run waits for. */
	private record Completion(UUID tenantId, Lease lease, Instant at, long durationMs, AgentOutcome.Succeeded done,
			CompletableFuture<Boolean> written) {

	}

}
