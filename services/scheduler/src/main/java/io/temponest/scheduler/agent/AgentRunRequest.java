package io.temponest.scheduler.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Body of a run request to the agents service.
 *
 * @param task what the agent should do
 * @param context additional context, a JSON object
 * @param riskLevel risk level of the task
 * @param projectId project of the run, if any
 * @param workflowId workflow of the run, if any
 * @param idempotencyKey key that identifies repeated runs
 */
record AgentRunRequest(@JsonProperty("task") String task, @JsonProperty("context") JsonNode context,
		@JsonProperty("risk_level") String riskLevel, @JsonProperty("project_id") @Nullable String projectId,
		@JsonProperty("workflow_id") @Nullable String workflowId,
		@JsonProperty("idempotency_key") @Nullable String idempotencyKey) {

	static final String DEFAULT_RISK_LEVEL = "low";

	/**
	 * Build the request body of a call from its task payload.
	 * @param call the call
	 * @return its request body
	 */
	static AgentRunRequest of(AgentCall call) {
		JsonNode payload = call.payload();
		JsonNode context = payload.path("context");
		return new AgentRunRequest(task(payload), context.isObject() ? context : JsonNodeFactory.instance.objectNode(),
				stringOr(payload.path("risk_level"), DEFAULT_RISK_LEVEL), call.projectId(), call.workflowId(),
				call.idempotencyKey());
	}

	private static String task(JsonNode payload) {
		JsonNode task = payload.path("task");
		return task.isString() ? task.stringValue() : stringOr(payload.path("user_message"), "");
	}

	private static String stringOr(JsonNode node, String fallback) {
		return node.isString() ? node.stringValue() : fallback;
	}

}
