package io.temponest.agents.department;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /departments} on the shipped organisation: the list, one department, the tree
 * (reachable), agents and workflows, and a workflow and an agent run as collaboration
 * sessions through the run path against a WireMock Ollama.
 */
@AgentsIntegrationTest
class DepartmentApiIntegrationTests {

	private final WireMockServer provider = TestEnvironment.providers();

	private final ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

	@Autowired
	private MockMvcTester mvc;

	@Test
	void organisationIsListedWithItsTree() {
		JsonNode list = ok(this.caller.get("/departments/"));
		assertThat(list.get("total").asInt()).isEqualTo(list.get("departments").size());
		assertThat(list.get("departments").valueStream().map((department) -> department.get("full_path").asString()))
			.contains("engineering", "engineering.security", "marketing.video_production");
		assertThat(ok(this.caller.get("/departments"))).isEqualTo(list);

		JsonNode structure = ok(this.caller.get("/departments/structure"));
		assertThat(structure.get("organization").valueStream().map((node) -> node.get("id").asString()))
			.containsExactly("engineering", "marketing");
		JsonNode marketing = structure.get("organization").get(1);
		assertThat(marketing.get("children").valueStream().map((node) -> node.get("id").asString()))
			.containsExactly("video_production", "social_media");

		JsonNode engineering = ok(this.caller.get("/departments/engineering"));
		assertThat(engineering.get("agents").valueStream().map((agent) -> agent.get("role").asString()))
			.containsExactly("overseer", "developer", "qa-tester", "devops");
		assertThat(engineering.get("workflows").get(0).get("path").asString())
			.isEqualTo("engineering.feature_delivery");
		assertThat(engineering.get("sub_departments").get(0).asString()).isEqualTo("security");

		JsonNode agents = ok(this.caller.get("/departments/marketing/agents"));
		assertThat(agents.get("agents").valueStream().map(JsonNode::asString)).contains("marketing.content_writer",
				"marketing.video_production.script_writer");

		JsonNode workflows = ok(this.caller.get("/departments/workflows/all"));
		assertThat(workflows.get("workflows").valueStream().map((flow) -> flow.get("path").asString()))
			.contains("engineering.security.security_review", "marketing.social_media.content_calendar");

		assertProblem(this.mvc.perform(this.caller.get("/departments/nope")), 404);
		assertProblem(this.mvc.perform(this.caller.get("/departments/nope/agents")), 404);
		assertThat(this.mvc.perform(ApiCaller.newTenant(List.of("costs:read")).get("/departments"))).hasStatus(403);
	}

	@Test
	void workflowRunsItsStepsInOrderThroughTheRunPath() {
		String marker = "dept-" + UUID.randomUUID();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, "qwen2.5:0.5b", "Step done " + marker, 3, 4);

		MvcTestResult started = this.mvc.perform(this.caller.post("""
				{"workflow_path":"engineering.security.security_review","input":"The login form %s",
				 "context":{"repo":"console"}}""".formatted(marker), "/departments/workflows/execute/"));

		assertThat(started).hasStatus(202);
		JsonNode session = awaitEnd(ApiCaller.json(started).get("id").asString());
		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("pattern").asString()).isEqualTo("sequential");
		assertThat(session.get("context").get("department").asString()).isEqualTo("security");
		JsonNode steps = session.get("results");
		assertThat(steps.valueStream().map((step) -> step.get("agent").asString())).containsExactly("security-auditor",
				"developer", "qa-tester");
		assertThat(steps.get(0).get("input").asString()).startsWith("You are Security Reviewer in the security")
			.contains("Audit the change", "The login form " + marker);
		assertThat(steps.get(1).get("input").asString()).contains("You are Backend Engineer", "Step done " + marker);
		assertThat(steps.get(2).get("execution_id").isString()).isTrue();
	}

	@Test
	void agentRunsAsASessionOfOneStep() {
		String marker = "dept-" + UUID.randomUUID();
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, "qwen2.5:0.5b", "Copy " + marker, 3, 4);

		MvcTestResult started = this.mvc.perform(this.caller.post(
				"{\"agent_path\":\"marketing.content_writer\",\"task\":\"Write a tagline " + marker + "\"}",
				"/departments/agents/execute"));

		assertThat(started).hasStatus(202);
		JsonNode session = awaitEnd(ApiCaller.json(started).get("id").asString());
		assertThat(session.get("status").asString()).isEqualTo("completed");
		assertThat(session.get("results")).hasSize(1);
		assertThat(session.get("results").get(0).get("agent").asString()).isEqualTo("ux-researcher");
		assertThat(session.get("result").get("final_output").asString()).isEqualTo("Copy " + marker);
	}

	@Test
	void badRunsAreProblems() {
		assertProblem(
				this.mvc.perform(
						this.caller.post("{\"workflow_path\":\"marketing.nope\"}", "/departments/workflows/execute")),
				404);
		assertProblem(this.mvc.perform(this.caller.post("{\"agent_path\":\"marketing.nobody\",\"task\":\"x\"}",
				"/departments/agents/execute")), 404);
		assertProblem(this.mvc.perform(this.caller.post("{}", "/departments/workflows/execute")), 422);
		assertProblem(this.mvc.perform(
				this.caller.post("{\"agent_path\":\"marketing.content_writer\"}", "/departments/agents/execute")), 422);
		assertThat(this.mvc.perform(ApiCaller.newTenant(List.of("agents:read"))
			.post("{\"workflow_path\":\"engineering.feature_delivery\"}", "/departments/workflows/execute")))
			.hasStatus(403);
	}

	private void assertProblem(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
	}

	private JsonNode awaitEnd(String id) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !"running"
				.equals(ok(this.caller.get("/collaboration/sessions/{id}", id)).get("status").asString()));
		return ok(this.caller.get("/collaboration/sessions/{id}", id));
	}

	private JsonNode ok(MockHttpServletRequestBuilder request) {
		MvcTestResult result = this.mvc.perform(request);
		assertThat(result).hasStatusOk();
		return ApiCaller.json(result);
	}

}
