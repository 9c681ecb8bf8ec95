package io.temponest.workers.activity;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.workers.deployment.DeploymentRecorder;
import io.temponest.workers.pipeline.AgentOutput;
import io.temponest.workers.pipeline.AgentRequest;
import io.temponest.workers.pipeline.ApprovalLookup;
import io.temponest.workers.pipeline.ApprovalRequest;
import io.temponest.workers.pipeline.DeploymentRecord;
import io.temponest.workers.pipeline.DeploymentRequest;
import io.temponest.workers.pipeline.PipelineActivities;
import io.temponest.workers.pipeline.PipelineOutcome;
import io.temponest.workers.pipeline.ValidationResult;
import io.temponest.workers.registry.PipelineRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The activities: agent runs ({@code POST /<role>/run}) and approvals
 * ({@code POST /api/approvals}) as the user the workflow acts for, output validation, the
 * deployment record and the pipeline's status row. Agent calls are safe to retry: each
 * carries the pipeline's idempotency key for the task, which the agents service runs
 * once.
 */
@Component
public class PipelineActivitiesImpl implements PipelineActivities {

	/** The overseer's HTTP timeout, inside its 5-minute activity timeout. */
	static final Duration OVERSEER_TIMEOUT = Duration.ofSeconds(290);

	/** Other agents' HTTP timeout, inside their 10-minute activity timeout. */
	static final Duration AGENT_TIMEOUT = Duration.ofSeconds(590);

	static final Duration APPROVAL_TIMEOUT = Duration.ofSeconds(25);

	private static final Set<String> COMPLETED = Set.of("completed", "success");

	private final ServiceCalls calls;

	private final CallProperties properties;

	private final DeploymentRecorder deployments;

	private final PipelineRegistry registry;

	private final JsonMapper json = JsonMapper.shared();

	PipelineActivitiesImpl(ServiceTokenClient tokens, CallProperties properties, DeploymentRecorder deployments,
			PipelineRegistry registry, MeterRegistry meters) {
		this.calls = new ServiceCalls(tokens, properties.connectTimeout(), properties.heartbeatInterval(), meters);
		this.properties = properties;
		this.deployments = deployments;
		this.registry = registry;
	}

	@Override
	public AgentOutput invokeOverseer(AgentRequest request) {
		return runAgent("overseer", request, OVERSEER_TIMEOUT);
	}

	@Override
	public AgentOutput invokeDeveloper(AgentRequest request) {
		return runAgent("developer", request, AGENT_TIMEOUT);
	}

	@Override
	public AgentOutput invokeAgent(AgentRequest request) {
		return runAgent(request.agent(), request, AGENT_TIMEOUT);
	}

	@Override
	public String requestApproval(ApprovalRequest request) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("workflow_id", request.workflowId());
		body.put("run_id", request.runId());
		body.put("task_description", request.taskDescription());
		body.put("risk_level", request.riskLevel());
		body.put("context", request.context());
		body.put("required_approvers", request.requiredApprovers());
		body.put("idempotency_key", request.idempotencyKey());
		JsonNode answer = this.calls.post(uri(this.properties.approvalUrl(), "/api/approvals"), body,
				user(request.tenantId(), request.userId()), APPROVAL_TIMEOUT, false);
		JsonNode id = answer.path("approval_id");
		if (!id.isString() && !id.isNumber()) {
			throw ApplicationFailure.newFailure("The approval service answered without approval_id",
					"UnreadableAnswer");
		}
		return id.asString();
	}

	@Override
	public Map<String, Object> checkApprovalStatus(ApprovalLookup lookup) {
		return map(this.calls.get(uri(this.properties.approvalUrl(), "/api/approvals/{id}", lookup.approvalId()),
				user(lookup.tenantId(), lookup.userId()), APPROVAL_TIMEOUT));
	}

	@Override
	public ValidationResult validateOutput(Map<String, Object> output) {
		return OutputValidator.validate(output, this.properties.minCitations());
	}

	@Override
	public DeploymentRecord executeDeployment(DeploymentRequest request) {
		return this.deployments.record(request);
	}

	@Override
	public void recordPipelineStatus(PipelineOutcome outcome) {
		this.registry.updateStatus(UUID.fromString(outcome.tenantId()), outcome.workflowId(), outcome.status(),
				outcome.reason());
	}

	private AgentOutput runAgent(String role, AgentRequest request, Duration timeout) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("task", request.task());
		body.put("context", request.context());
		if (request.riskLevel() != null) {
			body.put("risk_level", request.riskLevel());
		}
		body.put("workflow_id", request.workflowId());
		body.put("idempotency_key", request.idempotencyKey());
		JsonNode answer = this.calls.post(uri(this.properties.agentsUrl(), "/{role}/run", role), body,
				user(request.tenantId(), request.userId()), timeout, true);
		String status = answer.path("status").isString() ? answer.path("status").asString() : null;
		if (status != null && !COMPLETED.contains(status)) {
			String error = answer.path("error").isString() ? answer.path("error").asString() : "no error given";
			throw ApplicationFailure.newNonRetryableFailure("Agent " + role + " ended " + status + ": " + error,
					"AgentFailed");
		}
		JsonNode result = answer.path("result");
		JsonNode citations = answer.path("citations");
		return new AgentOutput(answer.path("task_id").isString() ? answer.path("task_id").asString() : null, status,
				result.isObject() ? map(result) : Map.of(), list(citations));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> map(JsonNode node) {
		return node.isObject() ? this.json.treeToValue(node, Map.class) : Map.of();
	}

	@SuppressWarnings("unchecked")
	private List<Object> list(JsonNode node) {
		return node.isArray() ? this.json.treeToValue(node, List.class) : List.of();
	}

	private static URI uri(URI base, String path, Object... variables) {
		return UriComponentsBuilder.fromUri(base).path(path).buildAndExpand(variables).encode().toUri();
	}

	private static ActingUser user(String tenantId, String userId) {
		return new ActingUser(UUID.fromString(tenantId), UUID.fromString(userId));
	}

}
