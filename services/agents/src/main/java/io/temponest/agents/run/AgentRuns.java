package io.temponest.agents.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.temponest.agents.cost.BudgetGuard;
import io.temponest.agents.cost.CostEntry;
import io.temponest.agents.cost.CostInfo;
import io.temponest.agents.cost.CostLedger;
import io.temponest.agents.cost.CostStatus;
import io.temponest.agents.llm.LlmFailure;
import io.temponest.agents.llm.LlmGateway;
import io.temponest.agents.llm.LlmReply;
import io.temponest.agents.llm.TokenCounter;
import io.temponest.agents.llm.TokenUsage;
import io.temponest.security.database.DatabaseUnavailable;
import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Carries out runs of roles and agents. A run checks the task's token budget, answers a
 * repeated idempotency key with the first answer (concurrent duplicates wait for it
 * instead of calling the provider again), refuses a tenant over its spending budget
 * before anything is sent, calls the provider, and writes the execution, its cost and the
 * idempotent answer in one transaction of the caller's tenant. A provider failure is
 * recorded as a failed execution and answered with 502, 503 or 504; so is a run of an
 * agent that requires citations and was given too few (422, before the provider is
 * called).
 */
@Service
public class AgentRuns {

	private final LlmGateway llm;

	private final TokenCounter tokens;

	private final BudgetGuard budgets;

	private final CostLedger ledger;

	private final ExecutionWriter executions;

	private final IdempotencyKeys keys;

	private final TenantTransactions transactions;

	private final RunMetrics metrics;

	private final RunProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final ConcurrentHashMap<String, CompletableFuture<JsonNode>> inFlight = new ConcurrentHashMap<>();

	AgentRuns(LlmGateway llm, TokenCounter tokens, BudgetGuard budgets, CostLedger ledger, ExecutionWriter executions,
			IdempotencyKeys keys, TenantTransactions transactions, RunMetrics metrics, RunProperties properties,
			JsonMapper json, Clock clock) {
		this.llm = llm;
		this.tokens = tokens;
		this.budgets = budgets;
		this.ledger = ledger;
		this.executions = executions;
		this.keys = keys;
		this.transactions = transactions;
		this.metrics = metrics;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Run and answer; with an idempotency key, the first answer of that key in the tenant
	 * is returned instead of running again (as JSON, exactly as it was first rendered).
	 * @param command the run
	 * @param render turns the recorded run into the response body
	 * @return the response body
	 * @throws TaskTooLongException when the task is over its token budget
	 * @throws RunFailedException when the provider gave no usable answer
	 */
	public Object run(RunCommand command, Function<RunResult, Object> render) {
		checkTokenBudget(command);
		String key = command.idempotencyKey();
		if (key == null) {
			return execute(command, UUID.randomUUID(), render, null);
		}
		return runOnce(command, key, render);
	}

	/**
	 * Run, passing the answer's text on as the provider streams it; no idempotency.
	 * @param command the run
	 * @param onToken receives the text as it arrives; throwing cancels the run
	 * @return the recorded run
	 */
	public RunResult stream(RunCommand command, Consumer<String> onToken) {
		checkTokenBudget(command);
		this.budgets.check(command.tenantId());
		UUID executionId = UUID.randomUUID();
		Instant started = this.clock.instant();
		long startNanos = System.nanoTime();
		checkGrounding(command, executionId, started, startNanos);
		LlmReply reply;
		try {
			reply = this.llm.stream(command.model(), command.prompt(), onToken);
		}
		catch (LlmFailure failure) {
			throw recordFailure(command, executionId, failure, started, startNanos);
		}
		return record(command, executionId, reply, started, startNanos, (result) -> result, null);
	}

	private Object runOnce(RunCommand command, String key, Function<RunResult, Object> render) {
		String localKey = command.tenantId() + "\n" + key;
		long deadline = System.nanoTime() + this.properties.idempotencyWait().toNanos();
		while (true) {
			CompletableFuture<JsonNode> mine = new CompletableFuture<>();
			CompletableFuture<JsonNode> first = this.inFlight.putIfAbsent(localKey, mine);
			if (first != null) {
				JsonNode answer = awaitLocal(first, deadline);
				if (answer != null) {
					this.metrics.replayed();
					return answer;
				}
				continue;
			}
			try {
				Object body = claimAndRun(command, key, render, deadline);
				mine.complete(this.json.valueToTree(body));
				return body;
			}
			catch (RuntimeException ex) {
				mine.complete(null);
				throw ex;
			}
			finally {
				this.inFlight.remove(localKey, mine);
			}
		}
	}

	private Object claimAndRun(RunCommand command, String key, Function<RunResult, Object> render, long deadline) {
		UUID executionId = UUID.randomUUID();
		Duration backoff = Duration.ofMillis(50);
		while (true) {
			Instant now = this.clock.instant();
			IdempotencyKeys.Claim claim = this.transactions.write(command.tenantId(), () -> this.keys
				.claim(command.tenantId(), key, executionId, now, now.plus(this.properties.idempotencyLease())));
			if (claim instanceof IdempotencyKeys.Answered answered) {
				this.metrics.replayed();
				return answered.response();
			}
			if (claim instanceof IdempotencyKeys.Claimed) {
				try {
					this.budgets.check(command.tenantId());
					return execute(command, executionId, render, key);
				}
				catch (RuntimeException ex) {
					release(command.tenantId(), key, executionId, ex);
					throw ex;
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IdempotentRequestPendingException();
			}
			pause(backoff, IdempotentRequestPendingException::new);
			backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
					: backoff.multipliedBy(2);
		}
	}

	/**
	 * Give up a key whose run failed without an answer, so that a retry runs at once. Its
	 * failure may be a busy pool or a database outage, so the release waits for the
	 * database like a record does; when it still cannot, the key's lease lapses on its
	 * own.
	 */
	private void release(UUID tenantId, String key, UUID executionId, RuntimeException failure) {
		try {
			writeDurably(tenantId, () -> {
				this.keys.release(tenantId, key, executionId);
				return Boolean.TRUE;
			});
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private Object execute(RunCommand command, UUID executionId, Function<RunResult, Object> render,
			@Nullable String key) {
		if (key == null) {
			this.budgets.check(command.tenantId());
		}
		Instant started = this.clock.instant();
		long startNanos = System.nanoTime();
		LlmReply reply;
		try {
			checkGrounding(command, executionId, started, startNanos);
			reply = this.llm.complete(command.model(), command.prompt());
		}
		catch (LlmFailure failure) {
			throw recordFailure(command, executionId, failure, started, startNanos);
		}
		return record(command, executionId, reply, started, startNanos, render, key);
	}

	private <T> T record(RunCommand command, UUID executionId, LlmReply reply, Instant started, long startNanos,
			Function<RunResult, T> render, @Nullable String key) {
		Map<String, Object> result = command.parser().apply(reply.text());
		Instant completed = this.clock.instant();
		long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
		TokenUsage usage = reply.usage();
		T body = writeDurably(command.tenantId(), () -> {
			CostInfo cost = this.ledger.record(costEntry(command, executionId, usage, latency, CostStatus.COMPLETED));
			this.executions.completed(executionId, command, reply.text(), result, usage, cost.totalCostUsd(), latency,
					reply.latencyMillis(), started, completed);
			T rendered = render.apply(new RunResult(executionId, reply.text(), result, usage, reply.model(), latency,
					cost, started, completed));
			if (key != null) {
				this.keys.answer(command.tenantId(), key, executionId, this.json.valueToTree(rendered),
						completed.plus(this.properties.idempotencyTtl()));
			}
			return rendered;
		});
		this.metrics.finished(command, "completed", Duration.ofNanos(System.nanoTime() - startNanos), usage);
		return body;
	}

	/**
	 * Fail a run whose agent requires citations and got too few, before the provider is
	 * called: recorded as a failed execution and answered with 422.
	 */
	private void checkGrounding(RunCommand command, UUID executionId, Instant started, long startNanos) {
		Grounding grounding = command.grounding();
		if (grounding != null && grounding.insufficient()) {
			InsufficientGroundingException refusal = new InsufficientGroundingException(executionId, grounding);
			recordFailed(command, executionId, refusal.getMessage(), started, startNanos);
			throw refusal;
		}
	}

	private RunFailedException recordFailure(RunCommand command, UUID executionId, LlmFailure failure, Instant started,
			long startNanos) {
		recordFailed(command, executionId, failure.getMessage(), started, startNanos);
		return new RunFailedException(executionId, failure);
	}

	private void recordFailed(RunCommand command, UUID executionId, String error, Instant started, long startNanos) {
		long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
		Instant completed = this.clock.instant();
		writeDurably(command.tenantId(), () -> {
			this.ledger.record(costEntry(command, executionId, new TokenUsage(0, 0), latency, CostStatus.FAILED));
			this.executions.failed(executionId, command, error, latency, started, completed);
			return Boolean.TRUE;
		});
		this.metrics.finished(command, "failed", Duration.ofNanos(System.nanoTime() - startNanos),
				new TokenUsage(0, 0));
	}

	private static CostEntry costEntry(RunCommand command, UUID executionId, TokenUsage usage, long latency,
			CostStatus status) {
		return new CostEntry(executionId.toString(), command.agentName(), command.tenantId(), command.userId(),
				command.projectId(), command.workflowId(), command.model().provider().id(), command.model().model(),
				usage.prompt(), usage.completion(), (int) Math.min(latency, Integer.MAX_VALUE), status, Map.of());
	}

	/**
	 * Write a run's outcome in a transaction of its tenant, waiting out a busy pool or a
	 * short database outage: the provider has been paid by now, so the record is worth
	 * waiting for (up to {@code temponest.agents.record-patience}) rather than answering
	 * 503 and losing it.
	 */
	private <T> T writeDurably(UUID tenantId, Supplier<T> work) {
		long deadline = System.nanoTime() + this.properties.recordPatience().toNanos();
		Duration backoff = Duration.ofMillis(100);
		while (true) {
			try {
				return this.transactions.write(tenantId, work);
			}
			catch (RuntimeException ex) {
				if (!DatabaseUnavailable.isCauseOf(ex) || System.nanoTime() + backoff.toNanos() > deadline) {
					throw ex;
				}
				pause(backoff, () -> ex);
				backoff = (backoff.compareTo(Duration.ofSeconds(1)) >= 0) ? Duration.ofSeconds(2)
						: backoff.multipliedBy(2);
			}
		}
	}

	private void checkTokenBudget(RunCommand command) {
		// Every token is at least one UTF-8 byte: a task with no more bytes than the
		// budget
		// cannot exceed it, and most tasks are spared the tokenizer.
		if (utf8Length(command.task()) > command.tokenBudget()
				&& this.tokens.count(command.task()) > command.tokenBudget()) {
			throw new TaskTooLongException(command.tokenBudget());
		}
	}

	private static long utf8Length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isSurrogate(c) ? 2 : 3;
		}
		return bytes;
	}

	private static @Nullable JsonNode awaitLocal(CompletableFuture<JsonNode> first, long deadline) {
		try {
			return first.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new IdempotentRequestPendingException();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IdempotentRequestPendingException();
		}
		catch (ExecutionException ex) {
			return null;
		}
	}

	private static void pause(Duration duration, Supplier<RuntimeException> onInterrupt) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw onInterrupt.get();
		}
	}

}
