package io.temponest.workers.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A started (or already running) pipeline.
 *
 * @param workflowId the workflow id
 * @param runId the run id
 * @param status {@code running} or how it ended
 */
record StartedWorkflow(@JsonProperty("workflow_id") String workflowId, @JsonProperty("run_id") @Nullable String runId,
		@JsonProperty("status") String status) {

}
