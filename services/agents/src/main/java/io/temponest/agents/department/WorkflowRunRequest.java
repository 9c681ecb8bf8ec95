package io.temponest.agents.department;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /departments/workflows/execute}.
 *
 * @param workflowPath the workflow's full path, e.g. {@code engineering.feature_delivery}
 * @param input what the workflow works on, given to every step after its task
 * @param context passed to every step
 */
record WorkflowRunRequest(@NotBlank @Size(max = 300) String workflowPath, @Nullable @Size(max = 50_000) String input,
		@Nullable Map<String, Object> context) {

}
