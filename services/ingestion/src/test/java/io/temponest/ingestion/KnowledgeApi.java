package io.temponest.ingestion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

import io.temponest.testsupport.ApiCaller;
import tools.jackson.databind.JsonNode;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The calls the service's tests make over and over: collections, uploads, waiting for a
 * document.
 */
public final class KnowledgeApi {

	private final MockMvcTester mvc;

	private final ApiCaller caller;

	public KnowledgeApi(MockMvcTester mvc, ApiCaller caller) {
		this.mvc = mvc;
		this.caller = caller;
	}

	/** Create a collection with the given JSON body; its id. */
	public String createCollection(String body) {
		MvcTestResult result = this.mvc.perform(this.caller.post(body, "/rag/collections/"));
		assertThat(result).hasStatus(201);
		return ApiCaller.json(result).get("id").asString();
	}

	/**
	 * Upload a file the way the Python SDK does (octet-stream part, optional metadata
	 * field).
	 */
	public MvcTestResult upload(String collectionId, String filename, byte[] content, String metadata) {
		MockMultipartHttpServletRequestBuilder request = MockMvcRequestBuilders
			.multipart("/rag/collections/{id}/documents", collectionId)
			.file(new MockMultipartFile("file", filename, "application/octet-stream", content));
		if (metadata != null) {
			request.param("metadata", metadata);
		}
		return this.mvc.perform(this.caller.from(request));
	}

	/** Upload text; the queued document's id. */
	public String uploadText(String collectionId, String filename, String text) {
		MvcTestResult result = upload(collectionId, filename, text.getBytes(StandardCharsets.UTF_8), null);
		assertThat(result).hasStatus(202);
		return ApiCaller.json(result).get("id").asString();
	}

	/** The document. */
	public JsonNode document(String id) {
		MvcTestResult result = this.mvc.perform(this.caller.get("/rag/documents/{id}", id));
		assertThat(result).hasStatus(200);
		return ApiCaller.json(result);
	}

	/** Wait until the document's status matches; the document then. */
	public JsonNode awaitDocument(String id, Predicate<JsonNode> condition) {
		return await().atMost(Duration.ofSeconds(30)).until(() -> document(id), condition);
	}

	/** Wait until the document is ready. */
	public JsonNode awaitReady(String id) {
		JsonNode document = awaitDocument(id, (d) -> !d.get("status").asString().matches("queued|processing"));
		assertThat(document.get("status").asString()).as(document.toString()).isEqualTo("ready");
		return document;
	}

	/** Query a collection; the answer. */
	public JsonNode query(String collectionId, String body) {
		MvcTestResult result = this.mvc.perform(this.caller.post(body, "/rag/collections/{id}/query", collectionId));
		assertThat(result).hasStatus(200);
		return ApiCaller.json(result);
	}

}
