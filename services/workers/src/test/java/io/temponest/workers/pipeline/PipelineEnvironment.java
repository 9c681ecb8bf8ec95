package io.temponest.workers.pipeline;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temponest.workers.temporal.PayloadJson;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A time-skipping Temporal test server in this process with a worker of the pipeline's
 * task queue (which a test may stop and replace), its converter and the approval
 * service's signal shape.
 */
final class PipelineEnvironment implements AutoCloseable {

	static final String TASK_QUEUE = "agentic-task-queue";

	// no cache: each workflow task replays the history
	private static final WorkerFactoryOptions FACTORY_OPTIONS = WorkerFactoryOptions.newBuilder()
		.setWorkflowCacheSize(0)
		.build();

	// no sticky queue (a zero schedule-to-start timeout sends no sticky attributes): the
	// test server would route the next workflow tasks and queries to the sticky queue of
	// a stopped worker for good, as it has no sticky timeout
	// and a workflow thread may block 10 s (not 1 s) before the SDK calls it a deadlock:
	// class loading on a loaded build machine has taken longer than a second
	static final WorkerOptions WORKER_OPTIONS = WorkerOptions.newBuilder()
		.setStickyQueueScheduleToStartTimeout(Duration.ZERO)
		.setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(10).toMillis())
		.build();

	final TestWorkflowEnvironment env;

	final WorkflowClient client;

	private WorkerFactory workers;

	PipelineEnvironment(PipelineActivities activities) {
		this.env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
			.setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
				.setNamespace("default")
				.setDataConverter(PayloadJson.converter())
				.build())
			.setWorkerFactoryOptions(FACTORY_OPTIONS)
			.build());
		this.client = this.env.getWorkflowClient();
		register(this.env.newWorker(TASK_QUEUE, WORKER_OPTIONS), activities);
		this.env.start();
		this.workers = this.env.getWorkerFactory();
	}

	/** Stop the worker and wait until it has stopped: nothing polls the task queue. */
	void stopWorker() {
		this.workers.shutdown();
		this.workers.awaitTermination(30, TimeUnit.SECONDS);
		if (!this.workers.isTerminated()) {
			throw new IllegalStateException("The worker did not stop within 30 seconds");
		}
	}

	/**
	 * Start a new worker of the task queue, in a factory of its own on the same client,
	 * with these activities.
	 */
	void startWorker(PipelineActivities activities) {
		WorkerFactory factory = WorkerFactory.newInstance(this.client, FACTORY_OPTIONS);
		register(factory.newWorker(TASK_QUEUE, WORKER_OPTIONS), activities);
		factory.start();
		this.workers = factory;
	}

	ProjectPipelineWorkflow start(String workflowId, @Nullable Long approvalTimeoutSeconds) {
		ProjectPipelineWorkflow workflow = this.client.newWorkflowStub(ProjectPipelineWorkflow.class,
				WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TASK_QUEUE).build());
		WorkflowClient.start(workflow::run, new PipelineInput("Build a todo app", Map.of("repo", "todo"), "key-1",
				UUID.randomUUID().toString(), UUID.randomUUID().toString(), approvalTimeoutSeconds));
		return workflow;
	}

	/** Wait until the pipeline waits for an approval. */
	void awaitPending(ProjectPipelineWorkflow workflow, String approvalId) {
		await().atMost(Duration.ofSeconds(20))
			.until(workflow::state, (state) -> state.pendingApprovalIds().contains(approvalId));
	}

	/** A decision as the approval service signals it. */
	void decide(String workflowId, String approvalId, String decisionId, String status, String approver,
			@Nullable String approvalStatus, @Nullable String reason) {
		Map<String, Object> signal = new LinkedHashMap<>();
		signal.put("approval_id", approvalId);
		signal.put("decision_id", decisionId);
		signal.put("status", status);
		signal.put("approver", approver);
		signal.put("reason", reason);
		if (approvalStatus != null) {
			signal.put("approval_status", approvalStatus);
		}
		WorkflowStub stub = this.client.newUntypedWorkflowStub(workflowId);
		stub.signal(ProjectPipelineWorkflow.APPROVAL_SIGNAL, signal);
	}

	void approve(String workflowId, String approvalId) {
		decide(workflowId, approvalId, UUID.randomUUID().toString(), "approved", "alice", "approved", null);
	}

	PipelineResult result(String workflowId) {
		return this.client.newUntypedWorkflowStub(workflowId).getResult(PipelineResult.class);
	}

	@Override
	public void close() {
		if (this.workers != this.env.getWorkerFactory()) {
			this.workers.shutdownNow();
		}
		this.env.close();
	}

	static void register(Worker worker, PipelineActivities activities) {
		worker.registerWorkflowImplementationTypes(ProjectPipelineWorkflowImpl.class, SimpleTaskWorkflowImpl.class);
		worker.registerActivitiesImplementations(activities);
	}

	static Map<String, Object> task(String task, String agent, @Nullable String riskLevel) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("task", task);
		item.put("agent", agent);
		if (riskLevel != null) {
			item.put("risk_level", riskLevel);
		}
		return item;
	}

}
