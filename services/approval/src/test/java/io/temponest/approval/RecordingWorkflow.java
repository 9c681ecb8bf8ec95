package io.temponest.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A test workflow that waits and records every {@code approval_signal} it receives. */
@WorkflowInterface
public interface RecordingWorkflow {

	@WorkflowMethod(name = "RecordingWorkflow")
	void run();

	@SignalMethod(name = "approval_signal")
	void approvalSignal(Map<String, Object> payload);

	@QueryMethod(name = "signals")
	List<Map<String, Object>> signals();

	/**
	 * Start one.
	 * @param client the client
	 * @param taskQueue the worker's queue
	 * @param workflowId the id
	 * @return the ids
	 */
	static Started start(WorkflowClient client, String taskQueue, String workflowId) {
		RecordingWorkflow workflow = client.newWorkflowStub(RecordingWorkflow.class,
				WorkflowOptions.newBuilder().setTaskQueue(taskQueue).setWorkflowId(workflowId).build());
		WorkflowExecution execution = WorkflowClient.start(workflow::run);
		return new Started(execution.getWorkflowId(), execution.getRunId());
	}

	/**
	 * The signals a started workflow recorded so far.
	 * @param client the client
	 * @param started the workflow
	 * @return the signals, in order
	 */
	static List<Map<String, Object>> signals(WorkflowClient client, Started started) {
		return client.newWorkflowStub(RecordingWorkflow.class, started.workflowId()).signals();
	}

	/**
	 * Terminate a started workflow.
	 * @param client the client
	 * @param started the workflow
	 */
	static void terminate(WorkflowClient client, Started started) {
		WorkflowStub.fromTyped(client.newWorkflowStub(RecordingWorkflow.class, started.workflowId()))
			.terminate("test over");
	}

	/**
	 * A started workflow.
	 *
	 * @param workflowId its id
	 * @param runId its run
	 */
	record Started(String workflowId, String runId) {

	}

	/** The implementation. */
	class Impl implements RecordingWorkflow {

		private final List<Map<String, Object>> received = new ArrayList<>();

		@Override
		public void run() {
			Workflow.await(() -> false);
		}

		@Override
		public void approvalSignal(Map<String, Object> payload) {
			this.received.add(payload);
		}

		@Override
		public List<Map<String, Object>> signals() {
			return List.copyOf(this.received);
		}

	}

}
