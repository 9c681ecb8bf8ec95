package io.temponest.workers.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temponest.workers.temporal.PayloadJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static io.temponest.workers.pipeline.PipelineEnvironment.task;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Determinism guard: a recorded history of a completed pipeline (a medium task approved,
 * a low one, a two-person deployment approval, a duplicate and a foreign signal) replays
 * on the current workflow code without a non-determinism error. A change to the order or
 * kind of the workflow's commands fails here; such a change needs a versioned code path
 * ({@code Workflow.getVersion}) for running pipelines. Re-record (after a deliberate,
 * versioned change) with {@code -Dworkers.record-history=true}.
 */
class HistoryReplayTests {

	private static final String RESOURCE = "histories/pipeline-completed.json";

	private static final String ID = "pipeline-recorded";

	@Test
	void recordedHistoryWhenReplayedThenDeterministic() throws Exception {
		try (TestWorkflowEnvironment env = environment()) {
			Worker worker = env.newWorker(PipelineEnvironment.TASK_QUEUE, PipelineEnvironment.WORKER_OPTIONS);
			worker.registerWorkflowImplementationTypes(ProjectPipelineWorkflowImpl.class);
			WorkflowReplayer.replayWorkflowExecutionFromResource(RESOURCE, worker);
		}
	}

	@Test
	void recordWhenAskedThenWritesTheHistory() throws IOException {
		Assumptions.assumeTrue(Boolean.getBoolean("workers.record-history"), "recording only on request");
		FakeActivities activities = new FakeActivities(List.of(task("Implement API endpoint", "developer", null),
				task("Update documentation", "qa-tester", null)));
		try (PipelineEnvironment pipeline = new PipelineEnvironment(activities)) {
			ProjectPipelineWorkflow workflow = pipeline.start(ID, null);
			pipeline.awaitPending(workflow, ID + "-approval-0");
			pipeline.decide(ID, ID + "-approval-0", "d-1", "approved", "alice", "approved", null);
			pipeline.decide(ID, ID + "-approval-0", "d-1", "approved", "alice", "approved", null);
			pipeline.awaitPending(workflow, ID + "-approval-deploy");
			pipeline.decide(ID, "foreign-approval", "d-9", "approved", "mallory", "approved", null);
			pipeline.decide(ID, ID + "-approval-deploy", "d-2", "approved", "alice", "pending", null);
			pipeline.decide(ID, ID + "-approval-deploy", "d-3", "approved", "bob", "approved", null);
			assertThat(pipeline.result(ID).status()).isEqualTo("completed");
			String json = pipeline.client.fetchHistory(ID).toJson(true);
			Files.writeString(Path.of("src/test/resources", RESOURCE), json);
		}
	}

	private static TestWorkflowEnvironment environment() {
		return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
			.setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
				.setNamespace("default")
				.setDataConverter(PayloadJson.converter())
				.build())
			.build());
	}

}
