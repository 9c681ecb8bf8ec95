package io.temponest.ingestion.collection;

import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's collections API: created with the SDK's full body (its default model name
 * kept, the model that really embeds recorded), listed in both paging styles, renamed,
 * deleted, names unique per tenant, and invisible to other tenants.
 */
@IngestionIntegrationTest
class CollectionApiIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void createWhenSdkBodyThenEchoedWithTheModelThatEmbedsIt() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);

		JsonNode created = ApiCaller.json(this.mvc.perform(caller.post("""
				{"name":"docs","description":"Product docs","embedding_model":"mxbai-embed-large",
				 "chunk_size":1000,"chunk_overlap":200}""", "/rag/collections/")));

		assertThat(created.get("name").asString()).isEqualTo("docs");
		assertThat(created.get("description").asString()).isEqualTo("Product docs");
		assertThat(created.get("embedding_model").asString()).isEqualTo("mxbai-embed-large");
		assertThat(created.get("embedder").asString()).isEqualTo("all-minilm-l6-v2");
		assertThat(created.get("dimension").asInt()).isEqualTo(384);
		assertThat(created.get("chunk_size").asInt()).isEqualTo(1000);
		assertThat(created.get("chunk_overlap").asInt()).isEqualTo(200);
		assertThat(created.get("document_count").asInt()).isZero();
		assertThat(created.get("tenant_id").asString()).isEqualTo(caller.tenantId().toString());
		assertThat(created.get("created_at").asString()).isNotBlank();
		JsonNode defaults = ApiCaller.json(this.mvc.perform(caller.post("{\"name\":\"plain\"}", "/rag/collections")));
		assertThat(defaults.get("chunk_size").asInt()).isEqualTo(512);
		assertThat(defaults.get("chunk_overlap").asInt()).isEqualTo(50);
		assertThat(defaults.get("embedding_model").asString()).isEqualTo("all-minilm-l6-v2");
		JsonNode remote = ApiCaller.json(this.mvc
			.perform(caller.post("{\"name\":\"remote\",\"embedding_model\":\"" + TestEnvironment.OLLAMA_MODEL + "\"}",
					"/rag/collections")));
		assertThat(remote.get("embedder").asString()).isEqualTo(TestEnvironment.OLLAMA_MODEL);
		assertThat(remote.get("dimension").asInt()).isEqualTo(TestEnvironment.OLLAMA_DIMENSION);
	}

	@Test
	void collectionRoundTripInBothPagingStyles() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String first = ApiCaller.json(this.mvc.perform(caller.post("{\"name\":\"alpha\"}", "/rag/collections/")))
			.get("id")
			.asString();
		assertThat(
				this.mvc.perform(caller.post("{\"name\":\"beta\",\"description\":\"50% off\"}", "/rag/collections/")))
			.hasStatus(201);

		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/rag/collections/")))).hasSize(2);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/rag/collections?skip=1&limit=1")))
			.get(0)
			.get("name")
			.asString()).isEqualTo("beta");
		JsonNode page = ApiCaller.json(this.mvc.perform(caller.get("/rag/collections?page=1&page_size=1")));
		assertThat(page.get("total").asInt()).isEqualTo(2);
		assertThat(page.get("collections")).hasSize(1);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/rag/collections?search={search}", "50%")))).hasSize(1);
		assertThat(ApiCaller.json(this.mvc.perform(caller.get("/rag/collections?search={search}", "_")))).isEmpty();

		JsonNode renamed = ApiCaller.json(this.mvc
			.perform(caller.patch("{\"name\":\"alpha-2\",\"description\":\"renamed\"}", "/rag/collections/" + first)));
		assertThat(renamed.get("name").asString()).isEqualTo("alpha-2");
		assertThat(renamed.get("description").asString()).isEqualTo("renamed");
		assertThat(this.mvc.perform(caller.patch("{\"name\":\"beta\"}", "/rag/collections/" + first))).hasStatus(409);
		assertThat(this.mvc.perform(caller.delete("/rag/collections/" + first + "/"))).hasStatus(204);
		JsonNode gone = ApiCaller.json(this.mvc.perform(caller.get("/rag/collections/" + first)));
		assertThat(gone.get("status").asInt()).isEqualTo(404);
		assertThat(gone.get("detail").asString()).isEqualTo("Collection " + first + " not found");
	}

	@Test
	void createWhenInvalidOrDuplicateThenProblem() {
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		assertThat(this.mvc.perform(caller.post("{\"name\":\"dup\"}", "/rag/collections"))).hasStatus(201);

		JsonNode duplicate = ApiCaller.json(this.mvc.perform(caller.post("{\"name\":\" dup \"}", "/rag/collections")));
		assertThat(duplicate.get("status").asInt()).isEqualTo(409);
		assertThat(duplicate.get("detail").asString()).contains("already has a collection of that name");
		JsonNode overlap = ApiCaller.json(this.mvc
			.perform(caller.post("{\"name\":\"o\",\"chunk_size\":100,\"chunk_overlap\":100}", "/rag/collections")));
		assertThat(overlap.get("status").asInt()).isEqualTo(422);
		assertThat(overlap.get("detail").asString()).contains("chunk_overlap");
		for (String body : new String[] { "{}", "{\"name\":\"  \"}", "{\"name\":\"x\",\"chunk_size\":10}",
				"{\"name\":\"x\",\"chunk_size\":100000}", "{\"name\":\"x\",\"chunk_overlap\":-1}", "[]" }) {
			assertThat(this.mvc.perform(caller.post(body, "/rag/collections")).getResponse().getStatus()).as(body)
				.isBetween(400, 422);
		}
		assertThat(this.mvc.perform(
				ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS).post("{\"name\":\"dup\"}", "/rag/collections")))
			.as("the name is unique per tenant only")
			.hasStatus(201);
	}

	@Test
	void collectionsWhenAnotherTenantOrReaderThenInvisibleOrForbidden() {
		ApiCaller owner = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		ApiCaller stranger = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		String id = ApiCaller.json(this.mvc.perform(owner.post("{\"name\":\"mine\"}", "/rag/collections")))
			.get("id")
			.asString();

		assertThat(this.mvc.perform(stranger.get("/rag/collections/" + id))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.patch("{\"name\":\"theirs\"}", "/rag/collections/" + id))).hasStatus(404);
		assertThat(this.mvc.perform(stranger.delete("/rag/collections/" + id))).hasStatus(404);
		assertThat(ApiCaller.json(this.mvc.perform(stranger.get("/rag/collections")))).isEmpty();
		ApiCaller reader = owner.colleague("agents:read");
		assertThat(this.mvc.perform(reader.get("/rag/collections/" + id))).hasStatus(200);
		assertThat(this.mvc.perform(reader.post("{\"name\":\"new\"}", "/rag/collections"))).hasStatus(403);
		assertThat(this.mvc.perform(reader.delete("/rag/collections/" + id))).hasStatus(403);
		assertThat(this.mvc.perform(owner.colleague().get("/rag/collections"))).hasStatus(403);
		assertThat(this.mvc.perform(ApiCaller.anonymous().get("/rag/collections"))).hasStatus(401);
		assertThat(this.mvc.perform(owner.get("/rag/collections/" + id))).hasStatus(200);
	}

}
