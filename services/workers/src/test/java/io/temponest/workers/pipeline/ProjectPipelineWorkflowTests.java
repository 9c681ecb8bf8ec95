package io.temponest.workers.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import org.junit.jupiter.api.Test;

import static io.temponest.workers.pipeline.PipelineEnvironment.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The pipeline's logic on Temporal's time-skipping test server, with activities that
 * record their calls: approvals correlated by id, deduplicated decisions, the 24-hour
 * timeout, cancellation, a worker restart while waiting, failures.
 */
class ProjectPipelineWorkflowTests {

	private static final String ID = "pipeline-test";

	@Test
	void approveAllWhenEveryApprovalGrantedThenCompletedWithDeployment() {
		FakeActivities activities = new FakeActivities(List.of(task("Implement API endpoint", "developer", null),
				task("Update documentation", "qa_tester", null), task("Add new feature", "devops", "high"),
				task("Design the login page", "designer", "low")));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.approve(ID, ID + "-approval-0");
			pipeline.awaitPending(workflow, ID + "-approval-2");
			pipeline.decide(ID, ID + "-approval-2", "d-1", "approved", "alice", "pending", null);
			pipeline.decide(ID, ID + "-approval-2", "d-2", "approved", "bob", "approved", null);
			pipeline.awaitPending(workflow, ID + "-approval-deploy");
			pipeline.decide(ID, ID + "-approval-deploy", "d-3", "approved", "alice", "pending", null);
			pipeline.decide(ID, ID + "-approval-deploy", "d-4", "approved", "carol", "approved", null);
			PipelineResult result = pipeline.result(ID);

			assertThat(result.status()).isEqualTo("completed");
			assertThat(result.executedTasks()).extracting(ExecutedTask::agent)
				.containsExactly("developer", "qa-tester", "devops", "designer");
			assertThat(result.executedTasks()).extracting(ExecutedTask::riskLevel)
				.containsExactly("medium", "low", "high", "low");
			assertThat(result.deployment()).isNotNull();
			assertThat(activities.agentsCalled()).containsExactly("overseer:key-1-overseer", "developer:key-1-task-0",
					"qa-tester:key-1-task-1", "devops:key-1-task-2", "designer:key-1-task-3");
			assertThat(activities.approvalRequests).extracting(ApprovalRequest::requiredApprovers)
				.containsExactly(1, 2, 2);
			assertThat(activities.deployments).singleElement().satisfies((deployment) -> {
				assertThat(deployment.idempotencyKey()).isEqualTo("key-1-deploy");
				assertThat(deployment.approvers()).containsExactly("alice", "carol");
				assertThat(deployment.tasksDeployed()).isEqualTo(4);
			});
			assertThat(activities.outcomes).extracting(PipelineOutcome::status).containsExactly("completed");
			assertThat(workflow.state().currentStep()).isEqualTo("done");
		}
	}

	@Test
	void developerOutputWithCodeWhenTooFewCitationsThenFailed() {
		FakeActivities activities = new FakeActivities(List.of(task("Write the readme draft", "developer", null)))
			.agentsAnswer((request) -> new AgentOutput("run", "completed",
					Map.of("code", Map.of("implementation", "x", "tests", "y")), List.of("one")));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			pipeline.start(ID, null);
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("failed");
			assertThat(result.reason()).isEqualTo("Validation failed for task 'Write the readme draft'");
			assertThat(result.errors()).containsExactly("Insufficient citations");
			assertThat(activities.validations).singleElement()
				.satisfies((output) -> assertThat(output).containsKeys("code", "citations"));
		}
	}

	@Test
	void mediumTaskWhenDeniedThenCancelledWithTheReasonAndNothingRuns() {
		FakeActivities activities = new FakeActivities(List.of(task("Implement API endpoint", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.decide(ID, ID + "-approval-0", "d-1", "denied", "alice", "denied", "Not this sprint");
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("cancelled");
			assertThat(result.reason()).isEqualTo("Task 'Implement API endpoint' was denied: Not this sprint");
			assertThat(activities.agentsCalled()).containsExactly("overseer:key-1-overseer");
			assertThat(activities.outcomes).singleElement()
				.satisfies((outcome) -> assertThat(outcome.status()).isEqualTo("cancelled"));
		}
	}

	@Test
	void highTaskWhenOneApprovalThenADenialThenCancelled() {
		FakeActivities activities = new FakeActivities(List.of(task("Drop database table", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.decide(ID, ID + "-approval-0", "d-1", "approved", "alice", "pending", null);
			pipeline.decide(ID, ID + "-approval-0", "d-2", "denied", "bob", "denied", "Too risky");
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("cancelled");
			assertThat(result.reason()).contains("was denied: Too risky");
			assertThat(activities.approvalRequests).singleElement()
				.satisfies((request) -> assertThat(request.requiredApprovers()).isEqualTo(2));
		}
	}

	@Test
	void approvalWhenNoDecisionWithin24HoursThenTimeout() {
		FakeActivities activities = new FakeActivities(List.of(task("Add new feature", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			pipeline.start(ID, null);
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("timeout");
			assertThat(result.reason()).isEqualTo("No approval received within 24 hours for Task 'Add new feature'");
			assertThat(activities.outcomes).extracting(PipelineOutcome::status).containsExactly("timeout");
		}
	}

	@Test
	void approvalTimeoutWhenGivenInTheInputThenUsed() {
		FakeActivities activities = new FakeActivities(List.of(task("Add new feature", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			pipeline.start(ID, 90L);
			assertThat(pipeline.result(ID).reason()).startsWith("No approval received within 90 seconds");
		}
	}

	@Test
	void earlierApprovalsSignalWhenRepeatedThenNeverSatisfiesALaterStep() {
		FakeActivities activities = new FakeActivities(
				List.of(task("Implement API endpoint", "developer", null), task("Add new feature", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.approve(ID, ID + "-approval-0");
			pipeline.awaitPending(workflow, ID + "-approval-1");
			pipeline.approve(ID, ID + "-approval-0");
			pipeline.decide(ID, "someone-elses-approval", "d-9", "approved", "mallory", "approved", null);
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("timeout");
			assertThat(result.executedTasks()).extracting(ExecutedTask::index).containsExactly(0);
		}
	}

	@Test
	void decisionWhenSignalledTwiceThenCountedOnce() {
		FakeActivities activities = new FakeActivities(List.of(task("Process refund", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			// a sender without approval_status: the decisions are counted, once each
			pipeline.decide(ID, ID + "-approval-0", "d-1", "approved", "alice", null, null);
			pipeline.decide(ID, ID + "-approval-0", "d-1", "approved", "alice", null, null);
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("timeout");
			assertThat(result.executedTasks()).isEmpty();
		}
	}

	@Test
	void twoDistinctDecisionsWithoutApprovalStatusThenHighTaskApproved() {
		FakeActivities activities = new FakeActivities(List.of(task("Process refund", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.decide(ID, ID + "-approval-0", "d-1", "approved", "alice", null, null);
			pipeline.decide(ID, ID + "-approval-0", "d-2", "approved", "bob", null, null);
			pipeline.awaitPending(workflow, ID + "-approval-deploy");
			pipeline.decide(ID, ID + "-approval-deploy", "d-3", "denied", "bob", "denied", "Freeze");
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("ready_for_deployment");
			assertThat(result.reason()).isEqualTo("All tasks completed, deployment not approved: Freeze");
			assertThat(result.executedTasks()).hasSize(1);
			assertThat(activities.deployments).isEmpty();
		}
	}

	@Test
	void pipelineWhenCancelledWhileWaitingThenCancelledAndRecorded() {
		FakeActivities activities = new FakeActivities(List.of(task("Implement API endpoint", "developer", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			WorkflowStub stub = pipeline.client.newUntypedWorkflowStub(ID);
			stub.cancel();
			assertThatExceptionOfType(WorkflowFailedException.class)
				.isThrownBy(() -> stub.getResult(PipelineResult.class))
				.withCauseInstanceOf(CanceledFailure.class);
			assertThat(activities.outcomes).singleElement().satisfies((outcome) -> {
				assertThat(outcome.status()).isEqualTo("cancelled");
				assertThat(outcome.reason()).isEqualTo("Cancelled by request");
			});
			assertThat(workflow.state().status()).isEqualTo("cancelled");
			assertThat(workflow.state().pendingApprovalIds()).isEmpty();
		}
	}

	@Test
	void workerWhenReplacedWhileWaitingForAnApprovalThenTheNewWorkerCompletesWithoutRepeatingActivities() {
		List<Map<String, Object>> plan = List.of(task("Implement API endpoint", "developer", null),
				task("Design the login page", "designer", "low"));
		FakeActivities before = new FakeActivities(plan);
		FakeActivities after = new FakeActivities(plan);
		try (PipelineEnvironment pipeline = new PipelineEnvironment(before)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.stopWorker();
			// an hour with no worker at all, well within the approval's 24 hours
			pipeline.env.sleep(Duration.ofHours(1));
			pipeline.startWorker(after);
			// the new worker answers the query: it rebuilt the waiting state from history
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.approve(ID, ID + "-approval-0");
			pipeline.awaitPending(workflow, ID + "-approval-deploy");
			pipeline.decide(ID, ID + "-approval-deploy", "d-2", "approved", "alice", "pending", null);
			pipeline.decide(ID, ID + "-approval-deploy", "d-3", "approved", "bob", "approved", null);
			PipelineResult result = pipeline.result(ID);

			assertThat(result.status()).isEqualTo("completed");
			assertThat(result.executedTasks()).extracting(ExecutedTask::agent, ExecutedTask::approvalId)
				.containsExactly(tuple("developer", ID + "-approval-0"), tuple("designer", null));
			assertThat(result.deployment()).isNotNull();
			assertThat(before.agentsCalled()).containsExactly("overseer:key-1-overseer");
			assertThat(before.approvalRequests).extracting(ApprovalRequest::idempotencyKey)
				.containsExactly(ID + "-approval-0");
			assertThat(before.deployments).isEmpty();
			assertThat(before.outcomes).isEmpty();
			assertThat(after.agentsCalled()).containsExactly("developer:key-1-task-0", "designer:key-1-task-1");
			assertThat(after.approvalRequests).extracting(ApprovalRequest::idempotencyKey)
				.containsExactly(ID + "-approval-deploy");
			assertThat(after.deployments).singleElement().satisfies((deployment) -> {
				assertThat(deployment.approvalId()).isEqualTo(ID + "-approval-deploy");
				assertThat(deployment.approvers()).containsExactly("alice", "bob");
				assertThat(deployment.tasksDeployed()).isEqualTo(2);
			});
			assertThat(after.outcomes).extracting(PipelineOutcome::status).containsExactly("completed");
		}
	}

	@Test
	void approvalWhenSignalledWhileNoWorkerRunsThenKeptForTheNextWorker() {
		List<Map<String, Object>> plan = List.of(task("Implement API endpoint", "developer", null));
		FakeActivities before = new FakeActivities(plan);
		FakeActivities after = new FakeActivities(plan);
		try (PipelineEnvironment pipeline = new PipelineEnvironment(before)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.stopWorker();
			pipeline.approve(ID, ID + "-approval-0");
			assertThat(pipeline.client.fetchHistory(ID).getEvents())
				.filteredOn(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
				.hasSize(1);
			assertThat(before.agentsCalled()).containsExactly("overseer:key-1-overseer");
			pipeline.startWorker(after);
			pipeline.awaitPending(workflow, ID + "-approval-deploy");
			pipeline.decide(ID, ID + "-approval-deploy", "d-2", "approved", "alice", "pending", null);
			pipeline.decide(ID, ID + "-approval-deploy", "d-3", "approved", "bob", "approved", null);
			PipelineResult result = pipeline.result(ID);

			assertThat(result.status()).isEqualTo("completed");
			assertThat(result.executedTasks()).extracting(ExecutedTask::approvalId).containsExactly(ID + "-approval-0");
			assertThat(before.approvalRequests).extracting(ApprovalRequest::idempotencyKey)
				.containsExactly(ID + "-approval-0");
			assertThat(after.agentsCalled()).containsExactly("developer:key-1-task-0");
			assertThat(after.approvalRequests).extracting(ApprovalRequest::idempotencyKey)
				.containsExactly(ID + "-approval-deploy");
			assertThat(after.deployments).hasSize(1);
		}
	}

	@Test
	void agentWhenFailingForGoodThenPipelineFailedWithTheActivitysMessage() {
		FakeActivities activities = new FakeActivities(List.of(task("Update documentation", "developer", null)))
			.agentsAnswer(FakeActivities::failing);
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			pipeline.start(ID, null);
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("failed");
			assertThat(result.reason())
				.isEqualTo("Activity invoke_developer failed: POST /developer/run answered 422: bad task");
			assertThat(activities.outcomes).extracting(PipelineOutcome::status).containsExactly("failed");
		}
	}

	@Test
	void emptyPlanWhenDeploymentApprovedThenCompletedWithNoTasks() {
		FakeActivities activities = new FakeActivities(List.of());
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-deploy");
			pipeline.decide(ID, ID + "-approval-deploy", "d-1", "approved", "alice", "approved", null);
			PipelineResult result = pipeline.result(ID);
			assertThat(result.status()).isEqualTo("completed");
			assertThat(result.executedTasks()).isEmpty();
			assertThat(activities.approvalRequests).singleElement().satisfies((request) -> {
				assertThat(request.taskDescription()).isEqualTo("Deploy project: Build a todo app");
				assertThat(request.riskLevel()).isEqualTo("high");
				assertThat(request.context()).containsEntry("tasks_count", 0);
			});
		}
	}

}
