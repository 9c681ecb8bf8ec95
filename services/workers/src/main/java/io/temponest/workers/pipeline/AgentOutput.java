package io.temponest.workers.pipeline;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an agent run answered.
 *
 * @param taskId the agents service's id of the run
 * @param status the run's status, such as {@code completed}
 * @param result the agent's result, a JSON object (the overseer's holds {@code plan})
 * @param citations the sources the agent cited
 */
public record AgentOutput(@Nullable String taskId, @Nullable String status, Map<String, Object> result,
		List<Object> citations) {

}
