package io.temponest.approval;

import java.util.UUID;

import io.temponest.testsupport.ApiCaller;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;

/** Requests the tests make again and again. */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * A request body.
	 * @param risk the risk level
	 * @param workflowId the workflow
	 * @param runId the run
	 * @return the JSON
	 */
	public static String body(String risk, String workflowId, String runId) {
		return """
				{"workflow_id": "%s", "run_id": "%s", "task_description": "Deploy release 4.2 to production",
				 "risk_level": "%s", "context": {"environment": "production", "changes": [1, 2, 3]}}
				""".formatted(workflowId, runId, risk);
	}

	/**
	 * Ask for approval for a workflow that does not exist.
	 * @param mvc the service
	 * @param requester who asks
	 * @param risk the risk level
	 * @return the request's id
	 * @throws Exception on failure
	 */
	public static String create(MockMvc mvc, ApiCaller requester, String risk) throws Exception {
		return createWith(mvc, requester, body(risk, "wf-" + UUID.randomUUID(), "run-" + UUID.randomUUID()));
	}

	/**
	 * Ask for approval.
	 * @param mvc the service
	 * @param requester who asks
	 * @param body the body
	 * @return the request's id
	 * @throws Exception on failure
	 */
	public static String createWith(MockMvc mvc, ApiCaller requester, String body) throws Exception {
		JsonNode created = json(mvc, requester.post(body, "/api/approvals"), 200);
		return created.get("approval_id").asString();
	}

}
