package io.temponest.workers.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.workers.pipeline.ExecutedTask;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline's state: from the workflow's {@code get_state} query, else (no worker
 * answers) from its row.
 *
 * @param workflowId the workflow id
 * @param runId the run id
 * @param goal the goal
 * @param status {@code running} or how it ended
 * @param currentStep what it is doing, when the workflow answered
 * @param planSize how many tasks the plan has
 * @param executedTasks the tasks run so far
 * @param pendingApprovalIds the approvals it waits for
 * @param reason why it ended so
 * @param live whether the state came from the workflow (else from the row)
 * @param createdAt when it was started
 * @param finishedAt when it ended
 */
record WorkflowView(@JsonProperty("workflow_id") String workflowId, @JsonProperty("run_id") @Nullable String runId,
		@JsonProperty("goal") String goal, @JsonProperty("status") String status,
		@JsonProperty("current_step") @Nullable String currentStep, @JsonProperty("plan_size") int planSize,
		@JsonProperty("executed_tasks") List<ExecutedTask> executedTasks,
		@JsonProperty("pending_approval_ids") List<String> pendingApprovalIds,
		@JsonProperty("reason") @Nullable String reason, @JsonProperty("live") boolean live,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("finished_at") @Nullable Instant finishedAt) {

}
