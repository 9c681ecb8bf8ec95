package io.temponest.workers.pipeline;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One task for one agent, run once (the workflow id is the run's idempotency key). */
@WorkflowInterface
public interface SimpleTaskWorkflow {

	/** The workflow type, shared with clients in other languages. */
	String TYPE = "SimpleTaskWorkflow";

	/**
	 * Run the task.
	 * @param input the task, the agent and the user it acts for
	 * @return the agent's answer
	 */
	@WorkflowMethod(name = TYPE)
	AgentOutput run(SimpleTaskInput input);

}
