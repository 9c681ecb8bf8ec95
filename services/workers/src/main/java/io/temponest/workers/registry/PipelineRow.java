package io.temponest.workers.registry;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A pipeline as {@code workers.pipelines} keeps it.
 *
 * @param id the row's id
 * @param tenantId the tenant
 * @param userId who started it
 * @param idempotencyKey the caller's key, unique in the tenant
 * @param workflowId the Temporal workflow id, derived from tenant and key
 * @param runId the Temporal run id, once started
 * @param goal the project's goal
 * @param status {@code running} or how it ended
 * @param reason why it ended so
 * @param createdAt when it was registered
 * @param updatedAt when the row last changed
 * @param finishedAt when it ended
 */
public record PipelineRow(UUID id, UUID tenantId, UUID userId, String idempotencyKey, String workflowId,
		@Nullable String runId, String goal, String status, @Nullable String reason, Instant createdAt,
		Instant updatedAt, @Nullable Instant finishedAt) {

}
