package io.temponest.agents.knowledge;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.ProviderStubs;
import io.temponest.agents.TestEnvironment;
import io.temponest.agents.run.InsufficientGroundingException;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs of tenant agents that name knowledge collections: the task is queried in each
 * collection with the caller's token, the best excerpts go into the prompt and the
 * answer's citations, a failing knowledge base leaves the run without them, and an agent
 * that requires citations fails (422, recorded, no provider call) when too few are found.
 */
@AgentsIntegrationTest
class KnowledgeRunIntegrationTests {

	private static final String MODEL = "llama3.2";

	private final WireMockServer ingestion = TestEnvironment.knowledge();

	private final WireMockServer provider = TestEnvironment.providers();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void runWhenTheAgentHasCollectionsThenTheBestExcerptsAreInThePromptAndTheCitations() {
		KnowledgeApiIntegrationTests.Caller caller = KnowledgeApiIntegrationTests.Caller
			.withToken(TestEnvironment.ALL_PERMISSIONS);
		String marker = marker();
		String first = stubQuery(KnowledgeApiIntegrationTests.chunk("Use compose files.", 0.75),
				KnowledgeApiIntegrationTests.chunk("Deploy with helm.", 0.9));
		String second = stubQuery(KnowledgeApiIntegrationTests.chunk("Rollback steps.", 0.8));
		ProviderStubs.onPrompt(marker)
			.ollamaAnswer(this.provider, MODEL, "Use helm [Citation 1] guide.md (v3).", 90, 10);
		String agent = createAgent(caller, "[\"" + first + "\",\"" + second + "\"]", false);

		JsonNode run = json(this.mvc.perform(caller.post("/agents/" + agent + "/run", "{\"task\":\"" + marker + "\"}")),
				200);

		assertThat(run.get("status").asString()).isEqualTo("completed");
		JsonNode citations = run.get("citations");
		assertThat(citations).hasSize(3);
		assertThat(citations.get(0).get("content").asString()).isEqualTo("Deploy with helm.");
		assertThat(citations.get(0).get("source").asString()).isEqualTo("guide.md");
		assertThat(citations.get(0).get("version").asString()).isEqualTo("3");
		assertThat(citations.get(0).get("score").asDouble()).isEqualTo(0.9);
		assertThat(citations.get(1).get("content").asString()).isEqualTo("Rollback steps.");
		assertThat(citations.get(2).get("content").asString()).isEqualTo("Use compose files.");
		assertThat(run.get("result").get("citations")).isEqualTo(citations);
		this.provider.verify(1,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker))
					.withRequestBody(containing("[Citation 1] guide.md (v3), relevance 0.90\\nDeploy with helm."))
					.withRequestBody(containing("[Citation 3] guide.md (v3), relevance 0.75\\nUse compose files.")));
		this.ingestion.verify(postRequestedFor(urlEqualTo("/rag/collections/" + first + "/query"))
			.withHeader("Authorization", equalTo("Bearer " + caller.token()))
			.withHeader("X-Request-ID", equalTo(caller.requestId()))
			.withRequestBody(equalToJson("{\"query\":\"" + marker + "\",\"top_k\":5,\"min_score\":0.7}")));
	}

	@Test
	void runWhenTheKnowledgeBaseFailsThenItCompletesWithoutCitations() {
		KnowledgeApiIntegrationTests.Caller caller = KnowledgeApiIntegrationTests.Caller
			.withToken(TestEnvironment.ALL_PERMISSIONS);
		String marker = marker();
		String failing = UUID.randomUUID().toString();
		String dropping = UUID.randomUUID().toString();
		this.ingestion.stubFor(
				post(urlEqualTo("/rag/collections/" + failing + "/query")).willReturn(aResponse().withStatus(503)));
		this.ingestion.stubFor(post(urlEqualTo("/rag/collections/" + dropping + "/query"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "Done without sources.", 50, 5);
		String unknown = UUID.randomUUID().toString();
		String agent = createAgent(caller, "[\"" + failing + "\",\"" + dropping + "\",\"" + unknown + "\"]", false);
		double unavailableBefore = retrievals("unavailable");
		double rejectedBefore = retrievals("rejected");

		JsonNode run = json(this.mvc.perform(caller.post("/agents/" + agent + "/run", "{\"task\":\"" + marker + "\"}")),
				200);

		assertThat(run.get("status").asString()).isEqualTo("completed");
		assertThat(run.get("citations")).isEmpty();
		assertThat(run.get("result").get("response").asString()).isEqualTo("Done without sources.");
		assertThat(retrievals("unavailable") - unavailableBefore).isEqualTo(2);
		assertThat(retrievals("rejected") - rejectedBefore).isEqualTo(1);
		this.provider.verify(1,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker))
					.withRequestBody(notContaining("[Citation")));
	}

	@Test
	void runWhenTheAgentRequiresCitationsAndTooFewAreFoundThenFailsWithoutCallingTheProvider() {
		KnowledgeApiIntegrationTests.Caller caller = KnowledgeApiIntegrationTests.Caller
			.withToken(TestEnvironment.ALL_PERMISSIONS);
		String marker = marker();
		String collection = stubQuery(KnowledgeApiIntegrationTests.chunk("Only one excerpt.", 0.9),
				KnowledgeApiIntegrationTests.chunk("Too weak to count.", 0.5));
		ProviderStubs.onPrompt(marker).ollamaAnswer(this.provider, MODEL, "Should not be asked.", 50, 5);
		String agent = createAgent(caller, "[\"" + collection + "\"]", true);

		MvcTestResult refused = this.mvc
			.perform(caller.post("/agents/" + agent + "/run", "{\"task\":\"" + marker + "\"}"));
		MvcTestResult executed = this.mvc
			.perform(caller.post("/agents/" + agent + "/execute", "{\"user_message\":\"" + marker + "\"}"));
		MvcTestResult streamed = this.mvc.perform(
				caller.post("/agents/" + agent + "/execute", "{\"user_message\":\"" + marker + "\",\"stream\":true}"));

		assertThat(refused).hasStatus(422);
		JsonNode problem = ApiCaller.json(refused);
		assertThat(problem.get("type").asString()).isEqualTo(InsufficientGroundingException.TYPE);
		assertThat(problem.get("detail").asString()).isEqualTo("found 1 citations, need at least 2 with score ≥ 0.7");
		assertThat(problem.get("status").asString()).isEqualTo("failed");
		assertThat(problem.get("error").asString()).isEqualTo(problem.get("detail").asString());
		assertThat(executed).hasStatus(422);
		assertThat(streamed).hasStatus(422);
		assertThat(ApiCaller.json(streamed).get("type").asString()).isEqualTo(InsufficientGroundingException.TYPE);
		JsonNode execution = json(this.mvc.perform(caller.get("/executions/" + problem.get("task_id").asString())),
				200);
		assertThat(execution.get("status").asString()).isEqualTo("failed");
		assertThat(execution.get("error").asString()).isEqualTo(problem.get("detail").asString());
		this.provider.verify(0,
				postRequestedFor(urlEqualTo(ProviderStubs.OLLAMA_CHAT)).withRequestBody(containing(marker)));
	}

	@Test
	void agentWhenCreatedOrChangedThenRequireCitationsIsKept() {
		KnowledgeApiIntegrationTests.Caller caller = KnowledgeApiIntegrationTests.Caller
			.withToken(TestEnvironment.ALL_PERMISSIONS);
		String strict = createAgent(caller, "[\"c1\"]", true);
		JsonNode plain = json(this.mvc.perform(
				caller.post("/agents/", "{\"name\":\"Plain\",\"provider\":\"ollama\",\"model\":\"" + MODEL + "\"}")),
				201);

		JsonNode relaxed = json(this.mvc
			.perform(caller.patch("/agents/" + strict, "{\"require_citations\":false,\"name\":\"Relaxed\"}")), 200);
		JsonNode renamed = json(this.mvc.perform(caller.patch("/agents/" + strict, "{\"name\":\"Still relaxed\"}")),
				200);

		assertThat(json(this.mvc.perform(caller.get("/agents/" + strict)), 200).get("name").asString())
			.isEqualTo("Still relaxed");
		assertThat(plain.get("require_citations").asBoolean()).isFalse();
		assertThat(relaxed.get("require_citations").asBoolean()).isFalse();
		assertThat(renamed.get("require_citations").asBoolean()).isFalse();
		assertThat(relaxed.get("rag_collection_ids").get(0).asString()).isEqualTo("c1");
		JsonNode strictAgain = json(this.mvc.perform(caller.patch("/agents/" + strict, "{\"require_citations\":true}")),
				200);
		assertThat(strictAgain.get("require_citations").asBoolean()).isTrue();
		assertThat(json(this.mvc.perform(caller.get("/agents/")), 200).get(0).get("require_citations").asBoolean())
			.isFalse();
	}

	private String createAgent(KnowledgeApiIntegrationTests.Caller caller, String collections, boolean require) {
		JsonNode created = json(this.mvc.perform(caller.post("/agents/", """
				{"name":"Grounded","provider":"ollama","model":"%s","rag_collection_ids":%s,"require_citations":%s}"""
			.formatted(MODEL, collections, require))), 201);
		assertThat(created.get("require_citations").asBoolean()).isEqualTo(require);
		return created.get("id").asString();
	}

	private String stubQuery(String... chunks) {
		String collection = UUID.randomUUID().toString();
		this.ingestion.stubFor(post(urlEqualTo("/rag/collections/" + collection + "/query"))
			.willReturn(okJson(KnowledgeApiIntegrationTests.queryResult(collection, "q", chunks))));
		return collection;
	}

	private double retrievals(String outcome) {
		Counter counter = this.meters.find("temponest.agents.knowledge.retrieval").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static JsonNode json(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

	private static String marker() {
		return "m" + UUID.randomUUID().toString().replace("-", "");
	}

}
