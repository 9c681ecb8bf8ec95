package io.temponest.ingestion.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.temponest.ingestion.IngestionIntegrationTest;
import io.temponest.ingestion.KnowledgeApi;
import io.temponest.ingestion.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.MutableClock;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collections embedded by a remote model (Ollama, faked over HTTP): a model that fails
 * half-way through a document leaves none of its chunks visible and the document is
 * retried until all of them are stored together; a model answering vectors of another
 * size fails the document with the reason.
 */
@IngestionIntegrationTest
class RemoteEmbeddingIntegrationTests {

	private final WireMockServer ollama = TestEnvironment.ollama();

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MutableClock clock;

	@Test
	void modelFailingMidDocumentThenNothingVisibleUntilARetryStoresEveryChunk() throws Exception {
		String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
		String scenario = "flaky-" + marker;
		this.ollama.stubFor(post("/api/embed").withRequestBody(matchingJsonPath("$.input[0]", containing(marker)))
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(embedding(TestEnvironment.OLLAMA_DIMENSION))
			.willSetStateTo("down"));
		this.ollama.stubFor(post("/api/embed").withRequestBody(matchingJsonPath("$.input[0]", containing(marker)))
			.inScenario(scenario)
			.whenScenarioStateIs("down")
			.willReturn(aResponse().withStatus(500).withBody("{\"error\":\"model crashed\"}")));
		ApiCaller caller = ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS);
		KnowledgeApi api = new KnowledgeApi(this.mvc, caller);
		String collection = api.createCollection("{\"name\":\"remote\",\"embedding_model\":\""
				+ TestEnvironment.OLLAMA_MODEL + "\",\"chunk_size\":64,\"chunk_overlap\":0}");
		StringJoiner text = new StringJoiner(" ");
		for (int i = 0; i < 4; i++) {
			text.add(marker + " release train " + i + " leaves on Monday.");
		}

		String document = api.uploadText(collection, "trains.txt", text.toString());
		JsonNode waiting = api.awaitDocument(document,
				(d) -> "queued".equals(d.get("status").asString()) && lastError(document) != null);

		assertThat(waiting.get("chunk_count").asInt()).isZero();
		assertThat(lastError(document)).contains("failed");
		assertThat(chunks(document)).isZero();
		this.ollama.setScenarioState(scenario, Scenario.STARTED);
		this.ollama.stubFor(post("/api/embed").withRequestBody(matchingJsonPath("$.input[0]", containing(marker)))
			.atPriority(1)
			.willReturn(embedding(TestEnvironment.OLLAMA_DIMENSION)));
		this.clock.advance(Duration.ofMinutes(2));
		JsonNode ready = api.awaitReady(document);
		assertThat(ready.get("chunk_count").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(chunks(document)).isEqualTo(ready.get("chunk_count").asInt());
		JsonNode collectionView = ApiCaller.json(this.mvc.perform(caller.get("/rag/collections/{id}", collection)));
		assertThat(collectionView.get("embedder").asString()).isEqualTo(TestEnvironment.OLLAMA_MODEL);
		assertThat(collectionView.get("dimension").asInt()).isEqualTo(TestEnvironment.OLLAMA_DIMENSION);
	}

	@Test
	void modelAnsweringAnotherDimensionThenDocumentFailsWithTheReason() {
		String marker = "d" + UUID.randomUUID().toString().substring(0, 8);
		this.ollama.stubFor(post("/api/embed").withRequestBody(matchingJsonPath("$.input[0]", containing(marker)))
			.willReturn(embedding(5)));
		KnowledgeApi api = new KnowledgeApi(this.mvc, ApiCaller.newTenant(TestEnvironment.ALL_PERMISSIONS));
		String collection = api
			.createCollection("{\"name\":\"resized\",\"embedding_model\":\"" + TestEnvironment.OLLAMA_MODEL + "\"}");

		String document = api.uploadText(collection, "a.txt", marker + " a short note about nothing much at all");

		JsonNode failed = api.awaitDocument(document, (d) -> "failed".equals(d.get("status").asString()));
		assertThat(failed.get("error").asString()).contains("5 dimensions").contains("768");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder embedding(int dimension) {
		StringJoiner vector = new StringJoiner(",", "[", "]");
		for (int i = 0; i < dimension; i++) {
			vector.add(Double.toString(Math.sin(i + 1) / 10));
		}
		return WireMock.okJson("{\"model\":\"" + TestEnvironment.OLLAMA_MODEL + "\",\"embeddings\":[" + vector + "]}");
	}

	private static String lastError(String document) {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement statement = admin
					.prepareStatement("SELECT last_error FROM knowledge.ingest_jobs WHERE document_id = ?")) {
			statement.setObject(1, UUID.fromString(document));
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int chunks(String document) throws Exception {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement statement = admin
					.prepareStatement("SELECT count(*) FROM knowledge.chunks WHERE document_id = ?")) {
			statement.setObject(1, UUID.fromString(document));
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

}
