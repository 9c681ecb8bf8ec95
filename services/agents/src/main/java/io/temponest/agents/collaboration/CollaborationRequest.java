package io.temponest.agents.collaboration;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /collaboration/execute}: the SDK's four bodies in one. Sequential and
 * iterative take {@code agent_ids} and {@code initial_message}; parallel takes
 * {@code agent_ids} and {@code messages} (one per agent) or {@code initial_message};
 * hierarchical takes {@code coordinator_id}, {@code worker_ids} and {@code task}.
 *
 * @param pattern sequential, parallel, iterative or hierarchical
 * @param name an optional label
 * @param agentIds built-in role names or tenant agent ids
 * @param initialMessage the goal given to the first agent
 * @param messages the parallel pattern's message per agent
 * @param coordinatorId the hierarchical pattern's lead agent
 * @param workerIds the hierarchical pattern's other agents
 * @param task the hierarchical pattern's goal
 * @param config {@code pass_full_history}, {@code max_iterations},
 * {@code max_concurrency}; other keys are kept and ignored
 * @param context passed to every step
 */
record CollaborationRequest(@NotBlank @Size(max = 20) String pattern, @Nullable @Size(max = 255) String name,
		@Nullable @Size(max = 50) List<@NotBlank @Size(max = 100) String> agentIds,
		@Nullable @Size(max = 100_000) String initialMessage,
		@Nullable @Size(max = 50) List<@NotBlank @Size(max = 100_000) String> messages,
		@Nullable @Size(max = 100) String coordinatorId,
		@Nullable @Size(max = 50) List<@NotBlank @Size(max = 100) String> workerIds,
		@Nullable @Size(max = 100_000) String task, @Nullable Map<String, Object> config,
		@Nullable Map<String, Object> context) {

}
