package io.temponest.workers;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.temporal.client.WorkflowClient;
import io.temponest.testsupport.ApiCaller;
import io.temponest.workers.pipeline.ProjectPipelineWorkflow;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;
import static org.awaitility.Awaitility.await;

/** Steps of the API tests: start pipelines, wait on their state, decide approvals. */
public final class PipelineSteps {

	private final MockMvc mvc;

	private final WorkflowClient client;

	public PipelineSteps(MockMvc mvc, WorkflowClient client) {
		this.mvc = mvc;
		this.client = client;
	}

	/**
	 * Start a pipeline and expect a status.
	 * @param api the caller
	 * @param key the idempotency key
	 * @param status the expected HTTP status
	 * @return the answer
	 */
	public JsonNode start(ApiCaller api, String key, int status) throws Exception {
		return json(this.mvc, api.post("{\"goal\": \"Build a todo app\", \"context\": {\"repo\": \"todo\"}, "
				+ "\"idempotency_key\": \"" + key + "\"}", "/api/workflows/pipelines"), status);
	}

	/**
	 * The pipeline's state as the API answers it.
	 * @param api the caller
	 * @param workflowId the pipeline
	 * @return the state
	 */
	public JsonNode state(ApiCaller api, String workflowId) throws Exception {
		return json(this.mvc, api.get("/api/workflows/{id}", workflowId), 200);
	}

	/** Wait until the pipeline waits for an approval. */
	public void awaitPending(ApiCaller api, String workflowId, String approvalId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> state(api, workflowId).get("pending_approval_ids"),
					(ids) -> ids.valueStream().anyMatch((id) -> id.asString().equals(approvalId)));
	}

	/** Wait until the pipeline's row has a status (the list endpoint's). */
	public void awaitListed(ApiCaller api, String workflowId, String status) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json(this.mvc, api.get("/api/workflows?limit=100"), 200).get("workflows")
				.valueStream()
				.filter((row) -> row.get("workflow_id").asString().equals(workflowId))
				.map((row) -> row.get("status").asString())
				.findFirst()
				.orElse(""), status::equals);
	}

	/** Approve as the approval service signals it. */
	public void approve(String workflowId, String approvalId) {
		this.client.newUntypedWorkflowStub(workflowId)
			.signal(ProjectPipelineWorkflow.APPROVAL_SIGNAL,
					Map.of("approval_id", approvalId, "decision_id", UUID.randomUUID().toString(), "status", "approved",
							"approver", "alice", "approval_status", "approved"));
	}

}
