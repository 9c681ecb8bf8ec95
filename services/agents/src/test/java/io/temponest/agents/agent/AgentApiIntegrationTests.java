package io.temponest.agents.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.testsupport.ApiCaller;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's agents API: built-in roles listed first, tenant agents created, read, changed
 * and deleted, runs on each provider, and the event stream's exact bytes.
 */
@AgentsIntegrationTest
class AgentApiIntegrationTests {

	private static final String DEVELOPER_ID = UUID.nameUUIDFromBytes("temponest:role:developer".getBytes()).toString();

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Test
	void listShowsTheSevenRolesThenTheTenantsAgents() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		assertThat(this.mvc.perform(caller.post(agent("Release notes writer", "ollama", "llama3.2"), "/agents/")))
			.hasStatus(201);

		JsonNode all = ApiCaller.json(this.mvc.perform(caller.get("/agents/")));

		assertThat(all).hasSize(8);
		assertThat(all.get(0).get("name").asString()).isEqualTo("overseer");
		assertThat(all.get(1).get("id").asString()).isEqualTo(DEVELOPER_ID);
		assertThat(all.get(7).get("name").asString()).isEqualTo("Release notes writer");
		assertThat(all.get(7).get("tenant_id").asString()).isEqualTo(caller.tenantId().toString());
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/agents?skip=6&limit=2")))).hasSize(2);
		JsonNode page = ApiCaller.json(this.mvc.perform(caller.get("/agents?page=2&page_size=5")));
		assertThat(page.get("total").asInt()).isEqualTo(8);
		assertThat(page.get("agents")).hasSize(3);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/agents?search=notes")))).hasSize(1);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/agents?search=50%25")))).isEmpty();
	}

	@Test
	void tenantAgentRoundTrip() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		JsonNode created = ApiCaller.json(this.mvc.perform(caller.post("""
				{"name":"Reviewer","description":"Reviews diffs","model":"gpt-4o","provider":"openai",
				 "system_prompt":"You review code.","tools":["git"],"rag_collection_ids":[],"max_iterations":3,
				 "temperature":0.1,"metadata":{"team":"core","nested":{"a":1}}}""", "/agents/")));
		String id = created.get("id").asString();
		assertThat(created.get("provider").asString()).isEqualTo("openai");
		assertThat(created.get("metadata").get("nested").get("a").asInt()).isEqualTo(1);
		assertThat(created.get("tools").get(0).asString()).isEqualTo("git");

		JsonNode changed = ApiCaller.json(
				this.mvc.perform(caller.patch("{\"temperature\":0.5,\"name\":\"Senior reviewer\"}", "/agents/" + id)));

		assertThat(changed.get("temperature").asDouble()).isEqualTo(0.5);
		assertThat(changed.get("name").asString()).isEqualTo("Senior reviewer");
		assertThat(changed.get("system_prompt").asString()).isEqualTo("You review code.");
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/agents/" + id))).get("name").asString())
			.isEqualTo("Senior reviewer");
		assertThat(this.mvc.perform(caller.delete("/agents/" + id))).hasStatus(204);
		assertThat(this.mvc.perform(caller.get("/agents/" + id))).hasStatus(404);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/agents/" + id))).get("detail").asString())
			.isEqualTo("Agent not found");
	}

	@Test
	void builtInRolesCannotBeChanged() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		assertThat(this.mvc.perform(caller.patch("{\"name\":\"mine\"}", "/agents/" + DEVELOPER_ID))).hasStatus(403);
		assertThat(this.mvc.perform(caller.delete("/agents/" + DEVELOPER_ID))).hasStatus(403);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/agents/" + DEVELOPER_ID))).get("built_in").asBoolean())
			.isTrue();
	}

	@Test
	void badAgentsAreProblems() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		assertThat(this.mvc.perform(caller.post(agent("X", "mystery", "m"), "/agents/"))).hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{\"model\":\"m\"}", "/agents/"))).hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{\"name\":\"x\",\"model\":\"m\",\"temperature\":7}", "/agents/")))
			.hasStatus(422);
		assertThat(this.mvc.perform(caller.post("{\"name\":\"x\",\"model\":\"m\",\"temperature\":\"hot\"}", "/agents/"))
			.getResponse()
			.getStatus()).isBetween(400, 422);
		assertThat(this.mvc.perform(caller.get("/agents/not-a-uuid")).getResponse().getStatus()).isBetween(400, 422);
		assertThat(this.mvc.perform(caller.get("/agents?limit=1000"))).hasStatus(422);
	}

	@Test
	void agentsOfAnotherTenantAreNotFound() {
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = ApiCaller.json(this.mvc.perform(owner.post(agent("Private", "ollama", "llama3.2"), "/agents/")))
			.get("id")
			.asString();
		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		assertThat(this.mvc.perform(stranger.get("/agents/" + id))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.patch("{\"name\":\"mine\"}", "/agents/" + id))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.delete("/agents/" + id))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.post("{\"user_message\":\"hi\"}", "/agents/" + id + "/execute")))
			.hasStatus(404);
		assertThat(ApiCaller.json(this.mvc.perform(stranger.get("/agents/")))).hasSize(7);
	}

	@Test
	void openAiAgentRunsOnTheOpenAiProtocol() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).openAiAnswer(this.provider, "gpt-4o", "Looks good to me.", 1000, 500);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = ApiCaller.json(this.mvc.perform(caller.post(agent("Reviewer", "openai", "gpt-4o"), "/agents/")))
			.get("id")
			.asString();

		JsonNode execution = ApiCaller
			.json(this.mvc.perform(caller.post("{\"user_message\":\"" + marker + "\"}", "/agents/" + id + "/execute")));

		assertThat(execution.get("status").asString()).isEqualTo("completed");
		assertThat(execution.get("response").asString()).isEqualTo("Looks good to me.");
		assertThat(execution.get("agent_id").asString()).isEqualTo(id);
		assertThat(execution.get("tokens_used").get("total").asInt()).isEqualTo(1500);
		assertThat(execution.get("cost_usd").asDouble()).isEqualTo(0.0075);
		assertThat(execution.get("execution_time_seconds").isNumber()).isTrue();
	}

	@Test
	void anyAgentRunsWithTheRunEndpointsBodyAndAnswer() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).openAiAnswer(this.provider, "gpt-4o", "Reviewed.", 100, 50);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = ApiCaller.json(this.mvc.perform(caller.post(agent("Reviewer", "openai", "gpt-4o"), "/agents/")))
			.get("id")
			.asString();
		String body = "{\"task\":\"" + marker + "\",\"idempotency_key\":\"" + marker + "\",\"project_id\":\"p1\"}";

		JsonNode first = ApiCaller.json(this.mvc.perform(caller.post(body, "/agents/{id}/run", id)));
		JsonNode again = ApiCaller.json(this.mvc.perform(caller.post(body, "/agents/{id}/run", id)));

		assertThat(first.get("status").asString()).isEqualTo("completed");
		assertThat(first.get("result").get("response").asString()).isEqualTo("Reviewed.");
		assertThat(first.get("tokens_used").asInt()).isEqualTo(150);
		assertThat(first.get("model_info").get("model").asString()).isEqualTo("gpt-4o");
		assertThat(again).isEqualTo(first);
		this.provider.verify(1,
				postRequestedFor(urlEqualTo(ProviderStubs.OPENAI_CHAT)).withRequestBody(containing(marker)));
		assertThat(this.mvc.perform(caller.post(body, "/agents/{id}/run", UUID.randomUUID()))).hasStatus(404);
	}

	@Test
	void anthropicAgentRunsOnTheMessagesProtocol() {
		String marker = marker();
		ProviderStubs.onPrompt(marker)
			.anthropicAnswer(this.provider, "claude-sonnet-4-20250514", "Here is the plan.", 1000, 500);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = ApiCaller
			.json(this.mvc.perform(caller.post(agent("Planner", "anthropic", "claude-sonnet-4-20250514"), "/agents/")))
			.get("id")
			.asString();

		JsonNode execution = ApiCaller
			.json(this.mvc.perform(caller.post("{\"user_message\":\"" + marker + "\"}", "/agents/" + id + "/execute")));

		assertThat(execution.get("response").asString()).isEqualTo("Here is the plan.");
		assertThat(execution.get("cost_usd").asDouble()).isEqualTo(0.0105);
	}

	@Test
	void tenantOverItsBudgetIsRefusedBeforeTheProvider() {
		String first = marker();
		String second = marker();
		ProviderStubs.onPrompt(first).openAiAnswer(this.provider, "gpt-4o", "Done.", 1000, 500);
		ProviderStubs.onPrompt(second).openAiAnswer(this.provider, "gpt-4o", "Done again.", 1000, 500);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		assertThat(this.mvc
			.perform(caller.colleague("tenants:manage").post("{\"daily_limit_usd\":0.001}", "/costs/budget")))
			.hasStatusOk();
		String id = ApiCaller.json(this.mvc.perform(caller.post(agent("Reviewer", "openai", "gpt-4o"), "/agents/")))
			.get("id")
			.asString();
		assertThat(this.mvc.perform(caller.post("{\"user_message\":\"" + first + "\"}", "/agents/" + id + "/execute")))
			.hasStatusOk();

		MvcTestResult refused = this.mvc
			.perform(caller.post("{\"user_message\":\"" + second + "\"}", "/agents/" + id + "/execute"));

		assertThat(refused).hasStatus(402);
		assertThat(ApiCaller.json(refused).get("type").asString()).endsWith("budget-exceeded");
		assertThat(this.mvc.perform(caller.post("{\"task\":\"" + second + "\"}", "/developer/run"))).hasStatus(402);
		this.provider.verify(0,
				postRequestedFor(urlEqualTo(ProviderStubs.OPENAI_CHAT)).withRequestBody(containing(second)));
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/executions/"))).size()).isEqualTo(1);
	}

	@Test
	void streamSendsEachPieceAsTheSdkReadsIt() {
		String marker = marker();
		ProviderStubs.onPrompt(marker)
			.ollamaStream(this.provider, "qwen2.5:0.5b", List.of("Hel", "lo \"world\"", "!"), 7, 3);
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		MvcTestResult result = this.mvc
			.perform(caller.post("{\"user_message\":\"" + marker + "\",\"context\":{},\"stream\":true}",
					"/agents/" + DEVELOPER_ID + "/execute"));

		assertThat(result).hasStatusOk();
		assertThat(result.getResponse().getContentType()).startsWith("text/event-stream");
		String body = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(body).isEqualTo("data: {\"content\":\"Hel\"}\n\n" + "data: {\"content\":\"lo \\\"world\\\"\"}\n\n"
				+ "data: {\"content\":\"!\"}\n\n" + "data: [DONE]\n\n");
		JsonNode executions = ApiCaller.json(this.mvc.perform(caller.get("/executions/?agent_id=" + DEVELOPER_ID)));
		assertThat(executions).hasSize(1);
		assertThat(executions.get(0).get("tokens_used").get("total").asInt()).isEqualTo(10);
	}

	@Test
	void streamRefusedBeforeTheFirstPieceIsAnOrdinaryProblem() {
		String marker = marker();
		ProviderStubs.onPrompt(marker).failure(this.provider, ProviderStubs.OLLAMA_CHAT, 401, null);

		MvcTestResult result = this.mvc.perform(ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS)
			.post("{\"user_message\":\"" + marker + "\",\"stream\":true}", "/agents/" + DEVELOPER_ID + "/execute"));

		assertThat(result).hasStatus(502);
		assertThat(ApiCaller.json(result).get("status").asString()).isEqualTo("failed");
		this.provider.verify(1,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	private static String agent(String name, String provider, String model) {
		return "{\"name\":\"" + name + "\",\"provider\":\"" + provider + "\",\"model\":\"" + model + "\"}";
	}

	private static String marker() {
		return "m" + UUID.randomUUID().toString().replace("-", "");
	}

}
