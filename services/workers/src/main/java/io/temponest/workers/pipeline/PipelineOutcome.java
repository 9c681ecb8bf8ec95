package io.temponest.workers.pipeline;

import org.jspecify.annotations.Nullable;

/**
 * The argument of {@code record_pipeline_status}: a pipeline's status, kept in its row.
 *
 * @param workflowId the pipeline's workflow
 * @param tenantId its tenant
 * @param status the status, such as {@code completed}
 * @param reason why it ended so, if it did not complete
 */
public record PipelineOutcome(String workflowId, String tenantId, String status, @Nullable String reason) {

}
