package io.temponest.workers.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.tenant.TenantTransactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's pipelines: registration (one per idempotency key), lookup, keyset pages,
 * and the status the workflow records when it ends. Reads and writes run in the caller's
 * tenant transaction, except {@link #updateStatus}, which activities call with the
 * workflow's tenant.
 */
@Service
public class PipelineRegistry {

	private static final Logger log = LoggerFactory.getLogger(PipelineRegistry.class);

	private final PipelineStore store;

	private final TenantTransactions transactions;

	private final Clock clock;

	PipelineRegistry(PipelineStore store, TenantTransactions transactions, Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Register a pipeline unless the tenant has one with the same key; in the caller's
	 * transaction (a concurrent registration of the same key waits for it).
	 * @param tenantId the tenant
	 * @param userId who starts it
	 * @param idempotencyKey the key
	 * @param workflowId its workflow id
	 * @param goal its goal
	 * @return the registration: the new row, or the existing one
	 */
	@Transactional
	public Registration register(UUID tenantId, UUID userId, String idempotencyKey, String workflowId, String goal) {
		Instant now = this.clock.instant();
		PipelineRow row = new PipelineRow(UUID.randomUUID(), tenantId, userId, idempotencyKey, workflowId, null, goal,
				"running", null, now, now, null);
		if (this.store.insert(row)) {
			return new Registration(row, true);
		}
		return new Registration(this.store.findByKey(idempotencyKey).orElseThrow(), false);
	}

	/**
	 * Note the run id of a started pipeline.
	 * @param workflowId the workflow
	 * @param runId the run
	 */
	@Transactional
	public void started(String workflowId, String runId) {
		this.store.setRunId(workflowId, runId, this.clock.instant());
	}

	/**
	 * A pipeline of the caller's tenant.
	 * @param workflowId its workflow id
	 * @return the row, empty when the tenant has none with that id
	 */
	@Transactional(readOnly = true)
	public Optional<PipelineRow> find(String workflowId) {
		return this.store.findByWorkflowId(workflowId);
	}

	/**
	 * A page of the caller's tenant's pipelines, newest first.
	 * @param before the position after which the page starts (exclusive), if any
	 * @param status only pipelines of this status, if given
	 * @param limit how many at most
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public List<PipelineRow> page(@Nullable Position before, @Nullable String status, int limit) {
		return this.store.page((before != null) ? before.createdAt() : null, (before != null) ? before.id() : null,
				status, limit);
	}

	/**
	 * Keep a pipeline's status (called by the workflow's last activity).
	 * @param tenantId the pipeline's tenant
	 * @param workflowId its workflow id
	 * @param status its status
	 * @param reason why, if it did not complete
	 */
	public void updateStatus(UUID tenantId, String workflowId, String status, @Nullable String reason) {
		int rows = this.transactions.write(tenantId,
				() -> this.store.updateStatus(workflowId, status, reason, this.clock.instant()));
		if (rows == 0) {
			// started by another client (no row): the workflow's own state still answers
			log.debug("No pipeline row for workflow {}", workflowId);
		}
	}

	/**
	 * Pipelines by status over all tenants, for the gauge.
	 * @return counts by status
	 */
	public Map<String, Long> countsByStatus() {
		return this.store.countsByStatus();
	}

	/**
	 * A registration's outcome.
	 *
	 * @param row the pipeline
	 * @param created whether this call created it
	 */
	public record Registration(PipelineRow row, boolean created) {

	}

	/**
	 * A position in the newest-first order.
	 *
	 * @param createdAt the row's creation time
	 * @param id the row's id
	 */
	public record Position(Instant createdAt, UUID id) {

	}

}
