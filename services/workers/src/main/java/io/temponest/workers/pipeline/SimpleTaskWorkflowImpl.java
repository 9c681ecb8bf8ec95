package io.temponest.workers.pipeline;

import java.util.Map;

import io.temporal.workflow.Workflow;

/** One task for one agent; the workflow id is the run's idempotency key. */
public class SimpleTaskWorkflowImpl implements SimpleTaskWorkflow {

	private final PipelineActivities overseer = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.OVERSEER);

	private final PipelineActivities agents = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.AGENT);

	@Override
	public AgentOutput run(SimpleTaskInput input) {
		AgentRole role = AgentRole.of(input.agent());
		String workflowId = Workflow.getInfo().getWorkflowId();
		AgentRequest request = new AgentRequest(role.wireName(), input.task(),
				(input.context() != null) ? input.context() : Map.of(), workflowId, workflowId, null, input.tenantId(),
				input.userId());
		return switch (role) {
			case OVERSEER -> this.overseer.invokeOverseer(request);
			case DEVELOPER -> this.agents.invokeDeveloper(request);
			default -> this.agents.invokeAgent(request);
		};
	}

}
