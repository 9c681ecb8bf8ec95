package io.temponest.workers.api;

import java.util.UUID;

import io.temporal.client.WorkflowClient;
import io.temponest.testsupport.ApiCaller;
import io.temponest.workers.OwnerDatabase;
import io.temponest.workers.PipelineSteps;
import io.temponest.workers.TestEnvironment;
import io.temponest.workers.WorkersIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static io.temponest.testsupport.ApiCaller.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The REST API: idempotent starts per tenant, state from the workflow, tenant isolation,
 * permissions, cancellation, keyset pages, problems for bad input.
 */
@WorkersIntegrationTest
class WorkflowApiIntegrationTests {

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
	void startWhenSameKeyInTheTenantThenTheSameWorkflowWith200() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		JsonNode first = this.steps.start(api, "same-key", 201);
		JsonNode again = this.steps.start(api.colleague("workflows:create", "workflows:read"), "same-key", 200);
		assertThat(again.get("workflow_id").asString()).isEqualTo(first.get("workflow_id").asString());
		assertThat(again.get("run_id").asString()).isEqualTo(first.get("run_id").asString());
		assertThat(OwnerDatabase.jdbc()
			.sql("SELECT count(*) FROM workers.pipelines WHERE tenant_id = :tenant")
			.param("tenant", api.tenantId())
			.query(Long.class)
			.single()).isEqualTo(1);

		ApiCaller other = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		JsonNode theirs = this.steps.start(other, "same-key", 201);
		assertThat(theirs.get("workflow_id").asString()).isNotEqualTo(first.get("workflow_id").asString());
	}

	@Test
	void startWhenARowWasLeftWithoutARunThenTheSameKeyStartsItOnce() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		// a row committed by a call whose workflow start failed (Temporal unavailable)
		String workflowId = Pipelines.workflowId(api.tenantId(), "left-without-run");
		OwnerDatabase.jdbc()
			.sql("""
					INSERT INTO workers.pipelines (id, tenant_id, user_id, idempotency_key, workflow_id, goal, created_at,
						updated_at)
					VALUES (:id, :tenant, :user, 'left-without-run', :workflow, 'Build a todo app', now(), now())
					""")
			.param("id", UUID.randomUUID())
			.param("tenant", api.tenantId())
			.param("user", api.userId())
			.param("workflow", workflowId)
			.update();
		JsonNode started = this.steps.start(api, "left-without-run", 200);
		assertThat(started.get("workflow_id").asString()).isEqualTo(workflowId);
		String runId = started.get("run_id").asString();
		assertThat(runId).isNotBlank();
		this.steps.awaitPending(api, workflowId, workflowId + "-approval-0");
		// a row whose run was not recorded (the instance stopped after the start): found
		// again, never started twice
		OwnerDatabase.jdbc()
			.sql("UPDATE workers.pipelines SET run_id = NULL WHERE workflow_id = :workflow")
			.param("workflow", workflowId)
			.update();
		JsonNode again = this.steps.start(api, "left-without-run", 200);
		assertThat(again.get("run_id").asString()).isEqualTo(runId);
		assertThat(OwnerDatabase.jdbc()
			.sql("SELECT run_id FROM workers.pipelines WHERE workflow_id = :workflow")
			.param("workflow", workflowId)
			.query(String.class)
			.single()).isEqualTo(runId);
	}

	@Test
	void getWhenWaitingForApprovalThenStateFromTheWorkflow() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String workflowId = this.steps.start(api, "state", 201).get("workflow_id").asString();
		this.steps.awaitPending(api, workflowId, workflowId + "-approval-0");
		JsonNode state = this.steps.state(api, workflowId);
		assertThat(state.get("status").asString()).isEqualTo("running");
		assertThat(state.get("current_step").asString()).isEqualTo("task 0");
		assertThat(state.get("plan_size").asInt()).isEqualTo(1);
		assertThat(state.get("live").asBoolean()).isTrue();
		assertThat(state.get("goal").asString()).isEqualTo("Build a todo app");
		assertThat(json(this.mvc, api.get("/api/workflows/{id}/", workflowId), 200).get("workflow_id").asString())
			.isEqualTo(workflowId);
	}

	@Test
	void getWhenAnotherTenantsWorkflowThen404() throws Exception {
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String workflowId = this.steps.start(owner, "mine", 201).get("workflow_id").asString();
		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		this.mvc.perform(stranger.get("/api/workflows/{id}", workflowId))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"))
			.andExpect(jsonPath("$.detail").value("Workflow not found"));
		this.mvc.perform(stranger.post("", "/api/workflows/{id}/cancel", workflowId)).andExpect(status().isNotFound());
		assertThat(json(this.mvc, stranger.get("/api/workflows"), 200).get("workflows").size()).isZero();
		this.mvc.perform(owner.get("/api/workflows/{id}", "pipeline-" + UUID.randomUUID()))
			.andExpect(status().isNotFound());
	}

	@Test
	void cancelWhenWaitingThenCancelledAndRecorded() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String workflowId = this.steps.start(api, "cancel-me", 201).get("workflow_id").asString();
		this.steps.awaitPending(api, workflowId, workflowId + "-approval-0");

		this.mvc.perform(api.colleague("workflows:create").post("", "/api/workflows/{id}/cancel", workflowId))
			.andExpect(status().isForbidden());
		JsonNode cancelled = json(this.mvc, api.post("", "/api/workflows/{id}/cancel", workflowId), 202);
		assertThat(cancelled.get("status").asString()).isEqualTo("cancel_requested");
		this.steps.awaitListed(api, workflowId, "cancelled");
		JsonNode state = this.steps.state(api, workflowId);
		assertThat(state.get("status").asString()).isEqualTo("cancelled");
		assertThat(state.get("reason").asString()).isEqualTo("Cancelled by request");
		this.mvc.perform(api.post("", "/api/workflows/{id}/cancel", workflowId)).andExpect(status().isConflict());
	}

	@Test
	void cancelWhenAnotherUserHoldsWorkflowsDeleteThenAllowed() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String workflowId = this.steps.start(api, "admin-cancels", 201).get("workflow_id").asString();
		this.steps.awaitPending(api, workflowId, workflowId + "-approval-0");
		json(this.mvc, api.colleague("workflows:delete").post("", "/api/workflows/{id}/cancel", workflowId), 202);
		this.steps.awaitListed(api, workflowId, "cancelled");
	}

	@Test
	void listWhenMoreThanAPageThenKeysetCursor() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String first = this.steps.start(api, "page-1", 201).get("workflow_id").asString();
		String second = this.steps.start(api, "page-2", 201).get("workflow_id").asString();
		JsonNode page = json(this.mvc, api.get("/api/workflows?limit=1"), 200);
		assertThat(page.get("workflows").get(0).get("workflow_id").asString()).isEqualTo(second);
		String cursor = page.get("next_cursor").asString();
		JsonNode next = json(this.mvc, api.get("/api/workflows/?limit=1&cursor=" + cursor), 200);
		assertThat(next.get("workflows").get(0).get("workflow_id").asString()).isEqualTo(first);
		assertThat(next.get("next_cursor").isNull()).isTrue();
		assertThat(json(this.mvc, api.get("/api/workflows?status=completed"), 200).get("workflows").size()).isZero();
		this.mvc.perform(api.get("/api/workflows?cursor=bm9uc2Vuc2U")).andExpect(status().isBadRequest());
		this.mvc.perform(api.get("/api/workflows?limit=0")).andExpect(status().is4xxClientError());
		this.mvc.perform(api.get("/api/workflows?status=bogus")).andExpect(status().is4xxClientError());
	}

	@Test
	void startWhenTrailingSlashThenStarted() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		json(this.mvc, api.post("{\"goal\": \"Slash\", \"idempotency_key\": \"slash\"}", "/api/workflows/pipelines/"),
				201);
	}

	@Test
	void startWhenNoKeyThenAFreshPipelineEachTime() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		String a = json(this.mvc, api.post("{\"goal\": \"Again\"}", "/api/workflows/pipelines"), 201).get("workflow_id")
			.asString();
		String b = json(this.mvc, api.post("{\"goal\": \"Again\"}", "/api/workflows/pipelines"), 201).get("workflow_id")
			.asString();
		assertThat(a).isNotEqualTo(b);
	}

	@Test
	void startWhenBadInputThenProblems() throws Exception {
		ApiCaller api = ApiCaller.newTenant(TestEnvironment.DEVELOPER);
		this.mvc.perform(api.post("{\"goal\": \"  \"}", "/api/workflows/pipelines"))
			.andExpect(status().is4xxClientError())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(api.post("{\"goal\": \"x\", \"idempotency_key\": \"has space\"}", "/api/workflows/pipelines"))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(api.post("{\"goal\": \"" + "x".repeat(5001) + "\"}", "/api/workflows/pipelines"))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(api.post("{\"goal\": \"x\", \"context\": []}", "/api/workflows/pipelines"))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(api.post("not json", "/api/workflows/pipelines"))
			.andExpect(status().is4xxClientError())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void callsWhenUnauthenticatedOrWithoutPermissionThen401Or403() throws Exception {
		this.mvc.perform(ApiCaller.anonymous().get("/api/workflows")).andExpect(status().isUnauthorized());
		this.mvc.perform(ApiCaller.anonymous().post("{\"goal\": \"x\"}", "/api/workflows/pipelines"))
			.andExpect(status().isUnauthorized());
		ApiCaller viewer = ApiCaller.newTenant(java.util.List.of("workflows:read"));
		this.mvc.perform(viewer.post("{\"goal\": \"x\"}", "/api/workflows/pipelines"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("Missing required permission: workflows:create"));
		this.mvc.perform(viewer.post("", "/api/workflows/{id}/cancel", "pipeline-x")).andExpect(status().isForbidden());
		ApiCaller nobody = ApiCaller.newTenant(java.util.List.of());
		this.mvc.perform(nobody.get("/api/workflows")).andExpect(status().isForbidden());
	}

}
