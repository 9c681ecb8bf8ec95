package io.temponest.workers.pipeline;

import java.util.Map;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The activities of the workflows, by the names clients in other languages know them:
 * {@code invoke_overseer} and {@code invoke_developer} for those two roles,
 * {@code invoke_agent} for any other. No notification activity: the approval service
 * publishes {@code approval.requested} itself.
 */
@ActivityInterface
public interface PipelineActivities {

	/**
	 * Plan a goal ({@code POST /overseer/run}).
	 * @param request the run
	 * @return the answer; its result holds {@code plan}
	 */
	@ActivityMethod(name = "invoke_overseer")
	AgentOutput invokeOverseer(AgentRequest request);

	/**
	 * Run a developer task ({@code POST /developer/run}).
	 * @param request the run
	 * @return the answer
	 */
	@ActivityMethod(name = "invoke_developer")
	AgentOutput invokeDeveloper(AgentRequest request);

	/**
	 * Run a task on any other agent ({@code POST /<agent>/run}).
	 * @param request the run
	 * @return the answer
	 */
	@ActivityMethod(name = "invoke_agent")
	AgentOutput invokeAgent(AgentRequest request);

	/**
	 * Create an approval ({@code POST /api/approvals}); the approval service signals each
	 * decision.
	 * @param request the approval
	 * @return the approval's id
	 */
	@ActivityMethod(name = "request_approval")
	String requestApproval(ApprovalRequest request);

	/**
	 * An approval as the approval service has it ({@code GET /api/approvals/{id}}).
	 * @param lookup the approval
	 * @return its JSON
	 */
	@ActivityMethod(name = "check_approval_status")
	Map<String, Object> checkApprovalStatus(ApprovalLookup lookup);

	/**
	 * Check a developer's output: at least the configured number of citations, an
	 * implementation of 50+ characters and tests of 20+.
	 * @param output {@code {code, citations}}
	 * @return the verdict
	 */
	@ActivityMethod(name = "validate_output")
	ValidationResult validateOutput(Map<String, Object> output);

	/**
	 * Record an approved deployment and announce it
	 * ({@code project.deployment.approved}), in one transaction.
	 * @param request the deployment
	 * @return the record
	 */
	@ActivityMethod(name = "execute_deployment")
	DeploymentRecord executeDeployment(DeploymentRequest request);

	/**
	 * Keep a pipeline's status in its row.
	 * @param outcome the status
	 */
	@ActivityMethod(name = "record_pipeline_status")
	void recordPipelineStatus(PipelineOutcome outcome);

}
