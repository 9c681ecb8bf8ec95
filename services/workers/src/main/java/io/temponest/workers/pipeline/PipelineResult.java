package io.temponest.workers.pipeline;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a pipeline ended.
 *
 * @param status {@code completed}, {@code cancelled} (an approval was denied or expired),
 * {@code timeout} (no decision in time), {@code ready_for_deployment} (the deployment was
 * not approved) or {@code failed} (an activity failed for good, or output validation)
 * @param reason why, when it did not complete
 * @param goal the project's goal
 * @param executedTasks the tasks run
 * @param deployment the recorded deployment request, when completed
 * @param errors validation errors, when validation failed
 */
public record PipelineResult(String status, @Nullable String reason, String goal, List<ExecutedTask> executedTasks,
		@Nullable DeploymentRecord deployment, List<String> errors) {

}
