package io.temponest.agents.run;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /{role}/run}; {@code task} is stripped of surrounding
 * whitespace before it is checked.
 *
 * @param task what the agent should do, 1 to 5000 characters
 * @param context anything the agent should know, as a JSON object
 * @param riskLevel {@code low} (the default), {@code medium} or {@code high}
 * @param projectId the caller's project, recorded with the run and its cost
 * @param workflowId the caller's workflow, recorded likewise
 * @param idempotencyKey repeating it within 24 h answers with the first result
 */
public record AgentRunRequest(@NotBlank @Size(max = 5000) @Nullable String task, @Nullable Map<String, Object> context,
		@Pattern(regexp = "low|medium|high", message = "must be low, medium or high") @Nullable String riskLevel,
		@Size(max = 255) @Nullable String projectId, @Size(max = 255) @Nullable String workflowId,
		@Size(min = 1, max = 255) @Nullable String idempotencyKey) {

	public AgentRunRequest {
		task = (task != null) ? task.strip() : null;
	}

}
