package io.temponest.agents.department;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /departments/agents/execute}.
 *
 * @param agentPath the agent's full path, e.g. {@code marketing.content_writer}
 * @param task what it does
 * @param context passed to the run
 */
record DepartmentAgentRunRequest(@NotBlank @Size(max = 300) String agentPath, @NotBlank @Size(max = 50_000) String task,
		@Nullable Map<String, Object> context) {

}
