package io.temponest.workers;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.client.WorkflowClient;
import io.temponest.testsupport.ApiCaller;
import io.temponest.workers.deployment.DeploymentRecorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline end to end with the real activities: started over the API, planned by the
 * WireMock overseer, its task approved by a signal like the approval service's, the
 * developer answering 503 then 200 (the retried activity sends the same idempotency key:
 * one run), the deployment approved, recorded and announced in the outbox, every call
 * acting for the starting user with an exchanged token.
 */
@WorkersIntegrationTest
class PipelineFlowIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	WorkflowClient client;

	private PipelineSteps steps;

	@BeforeEach
	void steps() {
		this.steps = new PipelineSteps(this.mvc, this.client);
	}

	@Test
	void pipelineWhenApprovedAndAgentsRecoverThenCompletedWithOneRunAndADeploymentRecord() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String key = "flow-" + api.tenantId();
		TestEnvironment.agents()
			.stubFor(post(urlEqualTo("/developer/run")).atPriority(1)
				.withRequestBody(matchingJsonPath("$.idempotency_key", WireMock.equalTo(key + "-task-0")))
				.inScenario(key)
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503).withBody("{\"detail\": \"busy\"}"))
				.willSetStateTo("recovered"));
		TestEnvironment.agents()
			.stubFor(post(urlEqualTo("/developer/run")).atPriority(1)
				.withRequestBody(matchingJsonPath("$.idempotency_key", WireMock.equalTo(key + "-task-0")))
				.inScenario(key)
				.whenScenarioStateIs("recovered")
				.willReturn(okJson("{\"task_id\": \"dev-1\", \"status\": \"completed\", \"result\": "
						+ "{\"summary\": \"endpoint added\"}, \"citations\": []}")));

		JsonNode started = this.steps.start(api, key, 201);
		String workflowId = started.get("workflow_id").asString();
		assertThat(started.get("status").asString()).isEqualTo("running");
		assertThat(started.get("run_id").asString()).isNotBlank();

		this.steps.awaitPending(api, workflowId, workflowId + "-approval-0");
		this.steps.approve(workflowId, workflowId + "-approval-0");
		this.steps.awaitPending(api, workflowId, workflowId + "-approval-deploy");
		this.steps.approve(workflowId, workflowId + "-approval-deploy");
		this.steps.awaitListed(api, workflowId, "completed");

		JsonNode state = this.steps.state(api, workflowId);
		assertThat(state.get("status").asString()).isEqualTo("completed");
		assertThat(state.get("current_step").asString()).isEqualTo("done");
		assertThat(state.get("executed_tasks").get(0).get("agent_task_id").asString()).isEqualTo("dev-1");

		List<LoggedRequest> runs = TestEnvironment.agents()
			.findAll(postRequestedFor(urlEqualTo("/developer/run"))
				.withRequestBody(matchingJsonPath("$.idempotency_key", WireMock.equalTo(key + "-task-0"))));
		assertThat(runs).hasSize(2).allSatisfy((run) -> {
			assertThat(run.getHeader("Authorization")).isEqualTo("Bearer " + TestEnvironment.EXCHANGED_TOKEN);
			JsonNode body = JsonMapper.shared().readTree(run.getBodyAsString());
			assertThat(body.get("task").asString()).isEqualTo("Implement API endpoint");
			assertThat(body.get("risk_level").asString()).isEqualTo("medium");
			assertThat(body.get("workflow_id").asString()).isEqualTo(workflowId);
			assertThat(body.get("context").get("repo").asString()).isEqualTo("todo");
		});
		assertThat(TestEnvironment.agents()
			.findAll(postRequestedFor(urlEqualTo("/overseer/run"))
				.withRequestBody(matchingJsonPath("$.idempotency_key", WireMock.equalTo(key + "-overseer")))))
			.hasSize(1);

		List<LoggedRequest> approvals = TestEnvironment.approval()
			.findAll(postRequestedFor(urlEqualTo("/api/approvals"))
				.withRequestBody(matchingJsonPath("$.workflow_id", WireMock.equalTo(workflowId))));
		assertThat(approvals).hasSize(2);
		JsonNode taskApproval = JsonMapper.shared().readTree(approvals.get(0).getBodyAsString());
		assertThat(taskApproval.get("run_id").asString()).isEqualTo(started.get("run_id").asString());
		assertThat(taskApproval.get("risk_level").asString()).isEqualTo("medium");
		assertThat(taskApproval.get("required_approvers").asInt()).isEqualTo(1);
		assertThat(taskApproval.get("idempotency_key").asString()).isEqualTo(workflowId + "-approval-0");
		assertThat(taskApproval.get("context").get("agent").asString()).isEqualTo("developer");
		JsonNode deployApproval = JsonMapper.shared().readTree(approvals.get(1).getBodyAsString());
		assertThat(deployApproval.get("required_approvers").asInt()).isEqualTo(2);
		assertThat(deployApproval.get("task_description").asString()).isEqualTo("Deploy project: Build a todo app");

		assertThat(TestEnvironment.auth()
			.findAll(postRequestedFor(urlEqualTo("/auth/token/exchange"))
				.withRequestBody(WireMock.containing("subject_token=" + api.userId()))
				.withRequestBody(WireMock.containing("tenant_id=" + api.tenantId()))))
			.isNotEmpty();

		Map<String, Object> deployment = OwnerDatabase.jdbc()
			.sql("SELECT status, tasks_deployed, idempotency_key, event_id FROM workers.deployments "
					+ "WHERE workflow_id = :workflow")
			.param("workflow", workflowId)
			.query()
			.singleRow();
		assertThat(deployment).containsEntry("status", "requested")
			.containsEntry("tasks_deployed", 1)
			.containsEntry("idempotency_key", key + "-deploy");
		Map<String, Object> event = OwnerDatabase.jdbc()
			.sql("SELECT type, user_id, payload->>'resource_id' AS resource FROM workers.event_outbox WHERE id = :id")
			.param("id", deployment.get("event_id"))
			.query()
			.singleRow();
		assertThat(event).containsEntry("type", DeploymentRecorder.EVENT_TYPE)
			.containsEntry("user_id", api.userId())
			.containsEntry("resource", workflowId);
	}

	@Test
	void overseerWhenRefusingTheTaskThenFailedAfterOneAttempt() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String key = "refused-" + api.tenantId();
		TestEnvironment.agents()
			.stubFor(post(urlEqualTo("/overseer/run")).atPriority(1)
				.withRequestBody(matchingJsonPath("$.idempotency_key", WireMock.equalTo(key + "-overseer")))
				.willReturn(aResponse().withStatus(422)
					.withHeader("Content-Type", "application/problem+json")
					.withBody("{\"detail\": \"task: must not be blank\"}")));
		String workflowId = this.steps.start(api, key, 201).get("workflow_id").asString();
		this.steps.awaitListed(api, workflowId, "failed");
		JsonNode state = this.steps.state(api, workflowId);
		assertThat(state.get("reason").asString())
			.isEqualTo("Activity invoke_overseer failed: POST /overseer/run answered 422: "
					+ "{\"detail\": \"task: must not be blank\"}");
		assertThat(TestEnvironment.agents()
			.findAll(postRequestedFor(urlEqualTo("/overseer/run"))
				.withRequestBody(matchingJsonPath("$.idempotency_key", WireMock.equalTo(key + "-overseer")))))
			.hasSize(1);
	}

}
