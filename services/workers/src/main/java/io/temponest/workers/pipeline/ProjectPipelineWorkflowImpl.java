package io.temponest.workers.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The project pipeline. Each approval is correlated with its own approval id: decisions
 * for other approvals (an earlier step's, another run's) never decide the current step,
 * and a decision signalled twice counts once. Deterministic: no clock, randomness or I/O
 * outside activities, ordered collections only.
 */
public class ProjectPipelineWorkflowImpl implements ProjectPipelineWorkflow {

	static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);

	/** Approvals whose signals are kept at most (the pipeline's own are always kept). */
	static final int MAX_TRACKED_APPROVALS = 200;

	private static final Logger log = Workflow.getLogger(ProjectPipelineWorkflowImpl.class);

	private final PipelineActivities overseer = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.OVERSEER);

	private final PipelineActivities agents = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.AGENT);

	private final PipelineActivities approvalService = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.APPROVAL);

	private final PipelineActivities localWork = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.LOCAL_WORK);

	private final PipelineActivities deployment = Workflow.newActivityStub(PipelineActivities.class,
			PipelineActivityOptions.DEPLOYMENT);

	private final Map<String, ApprovalProgress> approvals = new LinkedHashMap<>();

	private final Set<String> decisions = new HashSet<>();

	private final List<ExecutedTask> executed = new ArrayList<>();

	private final List<String> pending = new ArrayList<>();

	private String status = "running";

	private String step = "planning";

	private int planSize;

	private @Nullable String reason;

	@Override
	public PipelineResult run(PipelineInput input) {
		PipelineResult result;
		try {
			result = pipeline(input);
		}
		catch (CanceledFailure ex) {
			throw cancelled(input, ex);
		}
		catch (ActivityFailure ex) {
			if (CancellationScope.current().isCancelRequested()) {
				throw cancelled(input, new CanceledFailure("Cancelled by request"));
			}
			log.warn("Pipeline {} failed at {}: {}", Workflow.getInfo().getWorkflowId(), this.step, describe(ex));
			result = end("failed", describe(ex), input, List.of(), null);
		}
		record(input);
		return result;
	}

	@Override
	public void approvalSignal(ApprovalSignal signal) {
		String approvalId = signal.approvalId();
		if (approvalId == null) {
			log.warn("Ignored an approval signal without approval_id");
			return;
		}
		String decision = (signal.decisionId() != null) ? signal.decisionId()
				: approvalId + "|" + signal.approver() + "|" + signal.status() + "|" + signal.approvalStatus();
		if (!this.decisions.add(decision)) {
			return;
		}
		ApprovalProgress progress = this.approvals.get(approvalId);
		if (progress == null) {
			if (this.approvals.size() >= MAX_TRACKED_APPROVALS) {
				return;
			}
			progress = new ApprovalProgress();
			this.approvals.put(approvalId, progress);
		}
		progress.apply(signal);
	}

	@Override
	public PipelineState state() {
		return new PipelineState(this.status, this.step, this.planSize, List.copyOf(this.executed),
				List.copyOf(this.pending), this.reason);
	}

	private PipelineResult pipeline(PipelineInput input) {
		String workflowId = Workflow.getInfo().getWorkflowId();
		Duration timeout = approvalTimeout(input);
		Map<String, Object> context = (input.context() != null) ? input.context() : Map.of();
		AgentOutput plan = this.overseer.invokeOverseer(new AgentRequest(AgentRole.OVERSEER.wireName(), input.goal(),
				context, input.idempotencyKey() + "-overseer", workflowId, null, input.tenantId(), input.userId()));
		List<PlanItem> items = PlanItem.from(plan.result());
		this.planSize = items.size();
		for (int i = 0; i < items.size(); i++) {
			PlanItem item = items.get(i);
			this.step = "task " + i;
			RiskLevel risk = RiskLevel.of(item.task(), item.riskLevel());
			String approvalId = null;
			if (risk != RiskLevel.LOW) {
				Decision decision = awaitApproval(new ApprovalRequest(workflowId, Workflow.getInfo().getRunId(),
						item.task(), risk.wireName(), ordered("task_index", i, "agent", item.agent().wireName()),
						risk.requiredApprovers(), workflowId + "-approval-" + i, input.tenantId(), input.userId()),
						timeout);
				if (!decision.approved()) {
					return end(decision.timedOut() ? "timeout" : "cancelled",
							decision.describe("Task '" + item.task() + "'", timeout), input, List.of(), null);
				}
				approvalId = decision.approvalId();
			}
			AgentOutput output = runTask(item,
					new AgentRequest(item.agent().wireName(), item.task(), context,
							input.idempotencyKey() + "-task-" + i, workflowId, risk.wireName(), input.tenantId(),
							input.userId()));
			if (item.agent() == AgentRole.DEVELOPER && output.result().containsKey("code")) {
				ValidationResult verdict = this.localWork
					.validateOutput(ordered("code", output.result().get("code"), "citations", output.citations()));
				if (!verdict.valid()) {
					return end("failed", "Validation failed for task '" + item.task() + "'", input, verdict.errors(),
							null);
				}
			}
			this.executed.add(new ExecutedTask(i, item.task(), item.agent().wireName(), risk.wireName(), approvalId,
					output.taskId(), output.result()));
		}
		this.step = "deployment_approval";
		Decision approval = awaitApproval(new ApprovalRequest(workflowId, Workflow.getInfo().getRunId(),
				"Deploy project: " + input.goal(), RiskLevel.HIGH.wireName(),
				ordered("tasks_count", this.executed.size()), RiskLevel.HIGH.requiredApprovers(),
				workflowId + "-approval-deploy", input.tenantId(), input.userId()), timeout);
		if (approval.timedOut()) {
			return end("timeout", approval.describe("the deployment", timeout), input, List.of(), null);
		}
		if (!approval.approved()) {
			String why = (approval.reason() != null && !approval.reason().isBlank()) ? ": " + approval.reason() : "";
			return end("ready_for_deployment", "All tasks completed, deployment not approved" + why, input, List.of(),
					null);
		}
		this.step = "deployment";
		DeploymentRecord record = this.deployment.executeDeployment(new DeploymentRequest(workflowId,
				Workflow.getInfo().getRunId(), input.goal(), this.executed.size(), approval.approvalId(),
				approval.approvers(), input.idempotencyKey() + "-deploy", input.tenantId(), input.userId()));
		return end("completed", null, input, List.of(), record);
	}

	private AgentOutput runTask(PlanItem item, AgentRequest request) {
		return switch (item.agent()) {
			case OVERSEER -> this.overseer.invokeOverseer(request);
			case DEVELOPER -> this.agents.invokeDeveloper(request);
			default -> this.agents.invokeAgent(request);
		};
	}

	private Decision awaitApproval(ApprovalRequest request, Duration timeout) {
		String approvalId = this.approvalService.requestApproval(request);
		ApprovalProgress progress = this.approvals.computeIfAbsent(approvalId, (id) -> new ApprovalProgress());
		this.pending.add(approvalId);
		boolean decided = Workflow.await(timeout, () -> progress.status(request.requiredApprovers()) != null);
		this.pending.remove(approvalId);
		return new Decision(approvalId, decided ? progress.status(request.requiredApprovers()) : null,
				progress.reason(), progress.approvers());
	}

	private PipelineResult end(String finalStatus, @Nullable String why, PipelineInput input, List<String> errors,
			@Nullable DeploymentRecord record) {
		this.status = finalStatus;
		this.reason = why;
		this.step = "done";
		return new PipelineResult(finalStatus, why, input.goal(), List.copyOf(this.executed), record, errors);
	}

	private CanceledFailure cancelled(PipelineInput input, CanceledFailure failure) {
		this.status = "cancelled";
		this.reason = "Cancelled by request";
		this.step = "done";
		this.pending.clear();
		Workflow.newDetachedCancellationScope(() -> record(input)).run();
		return failure;
	}

	private void record(PipelineInput input) {
		try {
			this.localWork.recordPipelineStatus(new PipelineOutcome(Workflow.getInfo().getWorkflowId(),
					input.tenantId(), this.status, this.reason));
		}
		catch (ActivityFailure ex) {
			log.warn("Could not record the status of pipeline {}: {}", Workflow.getInfo().getWorkflowId(),
					describe(ex));
		}
	}

	private static Duration approvalTimeout(PipelineInput input) {
		Long seconds = input.approvalTimeoutSeconds();
		return (seconds != null && seconds > 0) ? Duration.ofSeconds(seconds) : DEFAULT_APPROVAL_TIMEOUT;
	}

	private static String describe(ActivityFailure failure) {
		Throwable cause = failure.getCause();
		String detail = (cause instanceof ApplicationFailure application) ? application.getOriginalMessage()
				: (cause != null) ? cause.getClass().getSimpleName() : failure.getOriginalMessage();
		return "Activity " + failure.getActivityType() + " failed: " + detail;
	}

	private static Map<String, Object> ordered(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
