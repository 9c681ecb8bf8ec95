package io.temponest.ingestion.query;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Queries: best chunks first, top_k, metadata filters and least scores, results cached
 * until the collection's documents change, bad bodies and another model refused.
 */
@IngestionIntegrationTest
class QueryIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void queryWhenSeveralDocumentsThenBestFirstWithinTopKAndFilter() {
		KnowledgeApi api = new KnowledgeApi(this.mvc, ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS));
		String collection = api.createCollection("{\"name\":\"mixed\"}");
		String[] texts = { "Our office coffee machine is descaled every Friday by the facilities team.",
				"Production database backups run nightly at 02:00 UTC and are kept for thirty days.",
				"The quarterly hackathon takes place in the big meeting room with pizza for everyone." };
		String[] teams = { "facilities", "platform", "people" };
		for (int i = 0; i < texts.length; i++) {
			assertThat(api.upload(collection, "note-" + i + ".txt", texts[i].getBytes(),
					"{\"team\":\"" + teams[i] + "\"}"))
				.hasStatus(202);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.query(collection, "{\"query\":\"when are database backups taken\",\"top_k\":5}")
				.get("total_results")
				.asInt() == 3);

		JsonNode all = api.query(collection, "{\"query\":\"how long do we keep database backups\",\"top_k\":5}");
		JsonNode two = api.query(collection, "{\"query\":\"how long do we keep database backups\",\"top_k\":2}");
		JsonNode filtered = api.query(collection,
				"{\"query\":\"how long do we keep database backups\",\"filter\":{\"team\":\"people\"}}");
		JsonNode strict = api.query(collection,
				"{\"query\":\"how long do we keep database backups\",\"min_score\":0.99}");

		assertThat(all.get("chunks").get(0).get("source").asString()).isEqualTo("note-1.txt");
		double previous = 1;
		for (JsonNode chunk : all.get("chunks")) {
			assertThat(chunk.get("score").asDouble()).isLessThanOrEqualTo(previous);
			previous = chunk.get("score").asDouble();
		}
		assertThat(two.get("total_results").asInt()).isEqualTo(2);
		assertThat(filtered.get("total_results").asInt()).isEqualTo(1);
		assertThat(filtered.get("chunks").get(0).get("source").asString()).isEqualTo("note-2.txt");
		assertThat(strict.get("total_results").asInt()).isZero();
		assertThat(all.get("query").asString()).isEqualTo("how long do we keep database backups");
		assertThat(all.get("collection_id").asString()).isEqualTo(collection);
	}

	@Test
	void queryWhenAskedTwiceThenCachedUntilADocumentChanges() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"cached\"}");
		api.awaitReady(api.uploadText(collection, "vpn.txt",
				"Connect to the VPN with the company client before opening internal dashboards."));
		String question = "{\"query\":\"how do I reach internal dashboards from home\"}";
		double hitsBefore = hits();

		JsonNode first = api.query(collection, question);
		JsonNode second = api.query(collection, question);

		assertThat(second).isEqualTo(first);
		assertThat(hits()).isEqualTo(hitsBefore + 1);
		api.awaitReady(api.uploadText(collection, "dashboards.txt",
				"Internal dashboards are reachable from home only through the VPN client."));
		JsonNode afterChange = api.query(collection, question);
		assertThat(afterChange.get("total_results").asInt()).isEqualTo(2);
		assertThat(hits()).isEqualTo(hitsBefore + 1);
	}

	@Test
	void queryWhenAnotherTenantAsksACachedQuestionThenNotFound() {
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, owner);
		String collection = api.createCollection("{\"name\":\"guarded\"}");
		api.awaitReady(api.uploadText(collection, "salaries.txt", "Salary bands are reviewed every April."));
		String question = "{\"query\":\"when are salary bands reviewed\"}";
		assertThat(api.query(collection, question).get("total_results").asInt()).isEqualTo(1);
		assertThat(api.query(collection, question).get("total_results").asInt()).isEqualTo(1);

		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		assertThat(this.mvc.perform(stranger.post(question, "/rag/collections/{id}/query", collection))).hasStatus(404);
	}

	@Test
	void queryWhenBodyInvalidThenProblem() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String collection = new KnowledgeApi(this.mvc, caller).createCollection("{\"name\":\"strict\"}");

		for (String body : new String[] { "{}", "{\"query\":\"  \"}", "{\"query\":\"x\",\"top_k\":0}",
				"{\"query\":\"x\",\"top_k\":51}", "{\"query\":\"x\",\"min_score\":1.5}",
				"{\"query\":\"x\",\"filter\":[1]}", "not json" }) {
			assertThat(this.mvc.perform(caller.post(body, "/rag/collections/{id}/query", collection))
				.getResponse()
				.getStatus()).as(body).isBetween(400, 422);
		}
	}

	@Test
	void queryWhenAnotherModelNamedThenRefused() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"minilm\"}");

		JsonNode problem = ApiCaller.json(this.mvc
			.perform(caller.post("{\"query\":\"x\",\"embedding_model\":\"" + TestEnvironment.OLLAMA_MODEL + "\"}",
					"/rag/collections/{id}/query", collection)));

		assertThat(problem.get("status").asInt()).isEqualTo(422);
		assertThat(problem.get("detail").asString()).contains("all-minilm-l6-v2 (384 dimensions)")
			.contains("another embedding model");
		assertThat(api.query(collection, "{\"query\":\"x\",\"embedding_model\":\"all-minilm-l6-v2\"}")
			.get("total_results")
			.asInt()).isZero();
	}

	private double hits() {
		return this.meters.get("temponest.knowledge.query.duration").tag("cache", "hit").timer().count();
	}

}
