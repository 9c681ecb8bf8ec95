package io.temponest.scheduler.execution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Records how an attempt ended, in a transaction of the execution's tenant (the poller
 * has no principal; row-level security applies through the explicit tenant). Every write
 * is fenced by the attempt's {@link Lease}: each method answers whether the attempt still
 * held it.
 */
@Service
public class ExecutionOutcomes {

	private final ExecutionStore store;

	private final TenantTransactions transactions;

	ExecutionOutcomes(ExecutionStore store, TenantTransactions transactions) {
		this.store = store;
		this.transactions = transactions;
	}

	/**
	 * Record a completed attempt.
	 * @param tenantId the execution's tenant
	 * @param lease the attempt
	 * @param at when it finished
	 * @param durationMs how long it took
	 * @param agentTaskId the agent's task id
	 * @param result the agent's result
	 * @param tokensUsed tokens reported
	 * @param costUsd cost reported
	 * @return whether the attempt still held its lease
	 */
	public boolean completed(UUID tenantId, Lease lease, Instant at, long durationMs, @Nullable String agentTaskId,
			@Nullable JsonNode result, int tokensUsed, BigDecimal costUsd) {
		return this.transactions.write(tenantId,
				() -> this.store.complete(lease, at, durationMs, agentTaskId, result, tokensUsed, costUsd));
	}

	/**
	 * Put a failed attempt back in the queue.
	 * @param tenantId the execution's tenant
	 * @param lease the attempt
	 * @param nextAttempt when to retry
	 * @param durationMs how long the failed attempt took
	 * @param error why it failed
	 * @return whether the attempt still held its lease
	 */
	public boolean retryLater(UUID tenantId, Lease lease, Instant nextAttempt, long durationMs, String error) {
		return this.transactions.write(tenantId, () -> this.store.retryLater(lease, nextAttempt, durationMs, error));
	}

	/**
	 * Record the final failure of an execution.
	 * @param tenantId the execution's tenant
	 * @param lease the attempt
	 * @param status {@link ExecutionStatus#FAILED} or {@link ExecutionStatus#TIMEOUT}
	 * @param at when it failed
	 * @param durationMs how long the attempt took, if it ran
	 * @param error why
	 * @return whether the attempt still held its lease
	 */
	public boolean failed(UUID tenantId, Lease lease, ExecutionStatus status, Instant at, @Nullable Long durationMs,
			String error) {
		return this.transactions.write(tenantId, () -> this.store.fail(lease, status, at, durationMs, error));
	}

}
