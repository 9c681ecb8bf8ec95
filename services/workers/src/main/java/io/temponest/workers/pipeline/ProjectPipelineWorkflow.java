package io.temponest.workers.pipeline;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The project pipeline: the overseer plans the goal, each task runs on the agent the plan
 * names after the approvals its risk needs, and a deployment approved by two people is
 * recorded for an external CD system.
 */
@WorkflowInterface
public interface ProjectPipelineWorkflow {

	/** The workflow type, shared with clients in other languages. */
	String TYPE = "ProjectPipelineWorkflow";

	/** The signal the approval service sends for each decision. */
	String APPROVAL_SIGNAL = "approval_signal";

	/** The query that answers the pipeline's state. */
	String STATE_QUERY = "get_state";

	/**
	 * Run the pipeline.
	 * @param input the goal and the user it acts for
	 * @return how it ended
	 */
	@WorkflowMethod(name = TYPE)
	PipelineResult run(PipelineInput input);

	/**
	 * A decision on one of the pipeline's approvals.
	 * @param signal the decision
	 */
	@SignalMethod(name = APPROVAL_SIGNAL)
	void approvalSignal(ApprovalSignal signal);

	/**
	 * The pipeline's state.
	 * @return the state
	 */
	@QueryMethod(name = STATE_QUERY)
	PipelineState state();

}
