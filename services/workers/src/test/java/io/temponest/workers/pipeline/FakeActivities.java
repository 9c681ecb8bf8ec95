package io.temponest.workers.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.temporal.failure.ApplicationFailure;

/**
 * Activities for tests of the workflows' logic: the overseer answers a given plan, agents
 * answer a result (or what a test sets), the approval id of a request is its idempotency
 * key, and every call is recorded.
 */
final class FakeActivities implements PipelineActivities {

	final List<AgentRequest> agentCalls = new CopyOnWriteArrayList<>();

	final List<ApprovalRequest> approvalRequests = new CopyOnWriteArrayList<>();

	final List<DeploymentRequest> deployments = new CopyOnWriteArrayList<>();

	final List<PipelineOutcome> outcomes = new CopyOnWriteArrayList<>();

	final List<Map<String, Object>> validations = new CopyOnWriteArrayList<>();

	private final List<Map<String, Object>> plan;

	private volatile Function<AgentRequest, AgentOutput> agents = (request) -> new AgentOutput("run-" + request.agent(),
			"completed", Map.of("summary", "done by " + request.agent()), List.of());

	FakeActivities(List<Map<String, Object>> plan) {
		this.plan = plan;
	}

	FakeActivities agentsAnswer(Function<AgentRequest, AgentOutput> answer) {
		this.agents = answer;
		return this;
	}

	List<String> agentsCalled() {
		return this.agentCalls.stream().map((call) -> call.agent() + ":" + call.idempotencyKey()).toList();
	}

	@Override
	public AgentOutput invokeOverseer(AgentRequest request) {
		this.agentCalls.add(request);
		if (request.idempotencyKey().endsWith("-overseer")) {
			return new AgentOutput("plan-1", "completed", Map.of("plan", this.plan), List.of());
		}
		return this.agents.apply(request);
	}

	@Override
	public AgentOutput invokeDeveloper(AgentRequest request) {
		this.agentCalls.add(request);
		return this.agents.apply(request);
	}

	@Override
	public AgentOutput invokeAgent(AgentRequest request) {
		this.agentCalls.add(request);
		return this.agents.apply(request);
	}

	@Override
	public String requestApproval(ApprovalRequest request) {
		this.approvalRequests.add(request);
		return request.idempotencyKey();
	}

	@Override
	public Map<String, Object> checkApprovalStatus(ApprovalLookup lookup) {
		return Map.of("approval_id", lookup.approvalId(), "status", "pending");
	}

	@Override
	public ValidationResult validateOutput(Map<String, Object> output) {
		this.validations.add(output);
		Object citations = output.get("citations");
		boolean valid = citations instanceof List<?> list && list.size() >= 2;
		return new ValidationResult(valid, valid ? List.of() : List.of("Insufficient citations"));
	}

	@Override
	public DeploymentRecord executeDeployment(DeploymentRequest request) {
		this.deployments.add(request);
		return new DeploymentRecord("deployment-1", "requested", request.tasksDeployed(), "2026-12-07T00:00:00Z",
				request.idempotencyKey(), "event-1");
	}

	@Override
	public void recordPipelineStatus(PipelineOutcome outcome) {
		this.outcomes.add(outcome);
	}

	static AgentOutput failing(AgentRequest request) {
		throw ApplicationFailure.newNonRetryableFailure("POST /developer/run answered 422: bad task", "HttpError");
	}

}
