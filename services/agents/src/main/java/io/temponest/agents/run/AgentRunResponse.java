package io.temponest.agents.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.temponest.agents.cost.CostInfo;
import io.temponest.agents.llm.LlmProperties;
import io.temponest.agents.llm.LlmProvider;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /{role}/run}.
 *
 * @param taskId the execution's id
 * @param status {@code completed} (failures are answered with a problem body)
 * @param result the role's structured result
 * @param citations the sources the result cites
 * @param tokensUsed the run's tokens, prompt and answer
 * @param latencyMs time of the whole run
 * @param modelInfo the model and settings the run used
 * @param costInfo the run's cost and the tenant's budget status
 * @param error always null here
 */
public record AgentRunResponse(String taskId, String status, Map<String, Object> result, List<Object> citations,
		int tokensUsed, long latencyMs, Map<String, Object> modelInfo, CostInfo costInfo, @Nullable String error) {

	/**
	 * The answer of a recorded run.
	 * @param command the run
	 * @param result what was recorded
	 * @param agentKey the role's {@code model_info.agent}, if any
	 * @param llm the sampling settings every call carries
	 * @return the answer
	 */
	public static AgentRunResponse of(RunCommand command, RunResult result, @Nullable String agentKey,
			LlmProperties llm) {
		Object citations = result.result().get("citations");
		return new AgentRunResponse(result.executionId().toString(), "completed", result.result(),
				(citations instanceof List<?> list) ? new ArrayList<>(list) : List.of(), result.usage().total(),
				result.latencyMillis(), modelInfo(command, agentKey, llm), result.cost(), null);
	}

	private static Map<String, Object> modelInfo(RunCommand command, @Nullable String agentKey, LlmProperties llm) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("model", command.model().model());
		info.put("provider", command.model().provider().id());
		info.put("temperature", command.prompt().temperature());
		info.put("max_tokens", command.prompt().maxTokens());
		if (command.model().provider() != LlmProvider.ANTHROPIC) {
			info.put("top_p", llm.topP());
			info.put("seed", llm.seed());
		}
		if (agentKey != null) {
			info.put("agent", agentKey);
		}
		return info;
	}

}
