package io.temponest.workers.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.workers.registry.PipelineRow;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline in the list.
 *
 * @param workflowId the workflow id
 * @param runId the run id
 * @param idempotencyKey the key it was started with
 * @param goal the goal
 * @param status {@code running} or how it ended
 * @param reason why it ended so
 * @param createdAt when it was started
 * @param updatedAt when its row last changed
 * @param finishedAt when it ended
 */
record WorkflowSummary(@JsonProperty("workflow_id") String workflowId, @JsonProperty("run_id") @Nullable String runId,
		@JsonProperty("idempotency_key") String idempotencyKey, @JsonProperty("goal") String goal,
		@JsonProperty("status") String status, @JsonProperty("reason") @Nullable String reason,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt,
		@JsonProperty("finished_at") @Nullable Instant finishedAt) {

	static WorkflowSummary of(PipelineRow row) {
		return new WorkflowSummary(row.workflowId(), row.runId(), row.idempotencyKey(), row.goal(), row.status(),
				row.reason(), row.createdAt(), row.updatedAt(), row.finishedAt());
	}

}
