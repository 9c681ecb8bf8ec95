package io.temponest.scheduler.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import io.temponest.scheduler.agent.AgentCall;
import io.temponest.scheduler.agent.AgentInvoker;
import io.temponest.scheduler.agent.AgentOutcome;
import io.temponest.scheduler.execution.ExecutionOutcomes;
import io.temponest.scheduler.execution.ExecutionStatus;
import io.temponest.security.database.DatabaseUnavailable;
import io.temponest.security.database.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * Runs one claimed attempt: calls the agent, then records the outcome: completed (with
 * the other completions of the moment, {@link CompletionWriter}); or, in the execution's
 * tenant (row-level security applies), back to pending after
 * {@code retry_delay_seconds × 2^(attempt-1)} (capped) when the failure is retryable and
 * retries remain; or failed / timeout. Every write is fenced by the lease, and none is
 * attempted when a renewal already found the lease taken over.
 */
@Component
class ExecutionRunner {

	private static final Logger log = LoggerFactory.getLogger(ExecutionRunner.class);

	private final FailureLog failures = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	private static final String REQUEST_ID = "request_id";

	private final AgentInvoker agents;

	private final ExecutionOutcomes outcomes;

	private final CompletionWriter completions;

	private final SchedulerMetrics metrics;

	private final SchedulerProperties properties;

	private final Clock clock;

	ExecutionRunner(AgentInvoker agents, ExecutionOutcomes outcomes, CompletionWriter completions,
			SchedulerMetrics metrics, SchedulerProperties properties, Clock clock) {
		this.agents = agents;
		this.outcomes = outcomes;
		this.completions = completions;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Run one attempt.
	 * @param claimed the attempt
	 * @param release stops the renewal of the attempt's lease and answers whether it was
	 * still held; called once, just before the outcome is written
	 */
	void run(ClaimedExecution claimed, BooleanSupplier release) {
		String requestId = claimed.lease().executionId() + "-" + claimed.attempt();
		MDC.put(REQUEST_ID, requestId);
		this.metrics.runStarted();
		try {
			if (claimed.attempt() == 1) {
				this.metrics.lag(Duration.between(claimed.scheduledFor(), claimed.startedAt()));
			}
			if (claimed.leaseExpired()) {
				this.metrics.leaseExpired();
				log.warn("Execution {} lost its previous attempt's lease; attempt {}", claimed.lease().executionId(),
						claimed.attempt());
			}
			if (claimed.exhausted()) {
				record(claimed, release, "failed", () -> this.outcomes.failed(claimed.tenantId(), claimed.lease(),
						ExecutionStatus.FAILED, this.clock.instant(), null, "Lease expired and no retries left"));
				return;
			}
			Instant begin = this.clock.instant();
			AgentOutcome outcome = this.agents.run(new AgentCall(claimed.tenantId(), claimed.userId(),
					claimed.agentName(), claimed.payload(), claimed.projectId(), claimed.workflowId(),
					Duration.ofSeconds(claimed.timeoutSeconds()), claimed.lease().executionId().toString(), requestId));
			Instant end = this.clock.instant();
			long durationMs = Duration.between(begin, end).toMillis();
			switch (outcome) {
				case AgentOutcome.Succeeded done -> record(claimed, release, "completed",
						() -> this.completions.complete(claimed.tenantId(), claimed.lease(), end, durationMs, done));
				case AgentOutcome.Failed failed when failed.retryable() && claimed.attempt() <= claimed.maxRetries() ->
					record(claimed, release, "retrying", () -> this.outcomes.retryLater(claimed.tenantId(),
							claimed.lease(), end.plus(retryDelay(claimed)), durationMs, failed.error()));
				case AgentOutcome.Failed failed -> {
					ExecutionStatus status = failed.timedOut() ? ExecutionStatus.TIMEOUT : ExecutionStatus.FAILED;
					record(claimed, release, status.value(), () -> this.outcomes.failed(claimed.tenantId(),
							claimed.lease(), status, end, durationMs, failed.error()));
				}
			}
		}
		catch (RuntimeException ex) {
			this.failures.log(!DatabaseUnavailable.isCauseOf(ex),
					"Execution " + claimed.lease().executionId() + " attempt " + claimed.attempt()
							+ " could not be recorded; its lease will expire and it will be retried",
					ex);
		}
		finally {
			this.metrics.runEnded();
			MDC.remove(REQUEST_ID);
		}
	}

	Duration retryDelay(ClaimedExecution claimed) {
		int doublings = Math.min(claimed.attempt() - 1, 20);
		Duration delay = Duration.ofSeconds(claimed.retryDelaySeconds()).multipliedBy(1L << doublings);
		return (delay.compareTo(this.properties.maxRetryDelay()) > 0) ? this.properties.maxRetryDelay() : delay;
	}

	private void record(ClaimedExecution claimed, BooleanSupplier release, String status, BooleanSupplier write) {
		boolean written = release.getAsBoolean() && write.getAsBoolean();
		if (written) {
			this.metrics.run(status);
		}
		else {
			this.metrics.claimConflict("finish", 1);
			log.warn("Execution {} attempt {} finished after losing its lease; its result was discarded",
					claimed.lease().executionId(), claimed.attempt());
		}
	}

}
