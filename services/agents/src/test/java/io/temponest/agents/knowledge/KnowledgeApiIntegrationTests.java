package io.temponest.agents.knowledge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.agents.TestEnvironment;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's {@code /rag/*} API on the agents service: every route forwarded to the
 * ingestion service (WireMock) with the caller's token or API key and request id,
 * trailing slashes accepted, uploads streamed through as the SDK sends them, refusals
 * relayed unchanged, an unreachable, failing or slow ingestion service answered with a
 * knowledge-unavailable problem, and the permissions checked before anything is sent.
 */
@AgentsIntegrationTest
class KnowledgeApiIntegrationTests {

	private final WireMockServer ingestion = TestEnvironment.knowledge();

	@Autowired
	private MockMvcTester mvc;

	@Test
	void collectionRoutesWhenCalledThenForwardedWithTheCallersTokenAndRequestId() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String id = UUID.randomUUID().toString();
		String name = "docs-" + id;
		this.ingestion.stubFor(post(urlEqualTo("/rag/collections")).withRequestBody(containing(name))
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(collection(id, caller.tenant(), name))));
		this.ingestion.stubFor(get(urlPathEqualTo("/rag/collections")).withQueryParam("search", equalTo(name + "&x"))
			.willReturn(okJson("[" + collection(id, caller.tenant(), name) + "]")));
		this.ingestion.stubFor(get(urlPathEqualTo("/rag/collections")).withQueryParam("page_size", equalTo("2"))
			.withQueryParam("search", equalTo(name))
			.willReturn(okJson("{\"collections\":[" + collection(id, caller.tenant(), name)
					+ "],\"total\":1,\"page\":1,\"page_size\":2}")));
		this.ingestion.stubFor(
				get(urlEqualTo("/rag/collections/" + id)).willReturn(okJson(collection(id, caller.tenant(), name))));
		this.ingestion.stubFor(patch(urlEqualTo("/rag/collections/" + id))
			.willReturn(okJson(collection(id, caller.tenant(), "renamed"))));
		this.ingestion.stubFor(delete(urlEqualTo("/rag/collections/" + id)).willReturn(aResponse().withStatus(204)));

		JsonNode created = json(this.mvc.perform(caller.post("/rag/collections/", """
				{"name":"%s","description":null,"embedding_model":null,"chunk_size":800,"chunk_overlap":null}"""
			.formatted(name))), 201);
		JsonNode listed = json(this.mvc.perform(
				caller.get("/rag/collections/").param("skip", "0").param("limit", "10").param("search", name + "&x")),
				200);
		JsonNode page = json(this.mvc.perform(caller.get("/rag/collections?page=1&page_size=2&search=" + name)), 200);
		JsonNode one = json(this.mvc.perform(caller.get("/rag/collections/" + id + "/")), 200);
		JsonNode renamed = json(
				this.mvc.perform(caller.patch("/rag/collections/" + id + "/", "{\"name\":\"renamed\"}")), 200);
		MvcTestResult deleted = this.mvc.perform(caller.delete("/rag/collections/" + id + "/"));

		assertThat(created.get("id").asString()).isEqualTo(id);
		assertThat(created.get("tenant_id").asString()).isEqualTo(caller.tenant().toString());
		assertThat(created.get("embedder").asString()).isEqualTo("hash");
		assertThat(created.get("dimension").asInt()).isEqualTo(384);
		assertThat(created.get("document_count").asInt()).isZero();
		assertThat(created.get("metadata").get("team").asString()).isEqualTo("core");
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("name").asString()).isEqualTo(name);
		assertThat(page.get("total").asInt()).isEqualTo(1);
		assertThat(page.get("page_size").asInt()).isEqualTo(2);
		assertThat(page.get("collections").get(0).get("id").asString()).isEqualTo(id);
		assertThat(one.get("name").asString()).isEqualTo(name);
		assertThat(renamed.get("name").asString()).isEqualTo("renamed");
		assertThat(deleted).hasStatus(204);
		this.ingestion.verify(postRequestedFor(urlEqualTo("/rag/collections"))
			.withHeader("Authorization", equalTo("Bearer " + caller.token()))
			.withHeader("X-Request-ID", equalTo(caller.requestId()))
			.withRequestBody(equalToJson("{\"name\":\"" + name + "\",\"chunk_size\":800}")));
		this.ingestion.verify(getRequestedFor(urlEqualTo("/rag/collections?skip=0&limit=10&search=" + name + "%26x"))
			.withHeader("Authorization", equalTo("Bearer " + caller.token())));
		this.ingestion.verify(patchRequestedFor(urlEqualTo("/rag/collections/" + id))
			.withRequestBody(equalToJson("{\"name\":\"renamed\"}")));
		this.ingestion.verify(deleteRequestedFor(urlEqualTo("/rag/collections/" + id)).withHeader("Authorization",
				equalTo("Bearer " + caller.token())));
	}

	@Test
	void uploadWhenTheSdkSendsMultipartWithPythonMetadataThenStreamedThrough() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String collection = UUID.randomUUID().toString();
		String document = UUID.randomUUID().toString();
		this.ingestion.stubFor(
				post(urlEqualTo("/rag/collections/" + collection + "/documents")).willReturn(aResponse().withStatus(202)
					.withHeader("Content-Type", "application/json")
					.withBody(document(document, collection, "queued"))));
		// larger than the platform's 1 MB body cap: uploads may be as large as a document
		byte[] file = new byte[1_500_000];
		Arrays.fill(file, (byte) 'a');
		String metadata = "{'source': 'sdk', 'tags': ['a', 'b'], 'draft': True}";

		MvcTestResult uploaded = this.mvc
			.perform(caller.from(MockMvcRequestBuilders.post("/rag/collections/{id}/documents/", collection)
				.contentType("multipart/form-data; boundary=sdk-boundary-42")
				.content(multipart("sdk-boundary-42", "notes.md", file, metadata))));

		assertThat(uploaded).hasStatus(202);
		JsonNode body = ApiCaller.json(uploaded);
		assertThat(body.get("id").asString()).isEqualTo(document);
		assertThat(body.get("status").asString()).isEqualTo("queued");
		assertThat(body.get("metadata").get("source").asString()).isEqualTo("sdk");
		this.ingestion.verify(postRequestedFor(urlEqualTo("/rag/collections/" + collection + "/documents"))
			.withHeader("Authorization", equalTo("Bearer " + caller.token()))
			.withHeader("Content-Type", equalTo("multipart/form-data; boundary=sdk-boundary-42"))
			.withAnyRequestBodyPart(aMultipart("metadata").withBody(equalTo(metadata)))
			.withAnyRequestBodyPart(aMultipart("file").withHeader("Content-Type", equalTo("application/octet-stream"))
				.withBody(equalTo(new String(file, StandardCharsets.US_ASCII)))));
	}

	@Test
	void uploadWhenTheCollectionHoldsTheSameContentThen200WithTheExistingDocument() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String collection = UUID.randomUUID().toString();
		String document = UUID.randomUUID().toString();
		this.ingestion.stubFor(post(urlEqualTo("/rag/collections/" + collection + "/documents"))
			.willReturn(okJson(document(document, collection, "ready"))));

		MvcTestResult uploaded = this.mvc
			.perform(caller.from(MockMvcRequestBuilders.post("/rag/collections/{id}/documents", collection)
				.contentType("multipart/form-data; boundary=b")
				.content(multipart("b", "notes.md", "# Notes".getBytes(StandardCharsets.UTF_8), "{}"))));

		assertThat(uploaded).hasStatus(200);
		assertThat(ApiCaller.json(uploaded).get("status").asString()).isEqualTo("ready");
	}

	@Test
	void uploadWhenLargerThanADocumentMayBeThen413WithoutForwarding() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String collection = UUID.randomUUID().toString();
		byte[] file = new byte[2_200_000];

		MvcTestResult refused = this.mvc
			.perform(caller.from(MockMvcRequestBuilders.post("/rag/collections/{id}/documents", collection)
				.contentType("multipart/form-data; boundary=b")
				.content(multipart("b", "big.bin", file, "{}"))));
		MvcTestResult json = this.mvc.perform(caller.post("/rag/collections/" + collection + "/query",
				"{\"query\":\"" + "x".repeat(1_100_000) + "\"}"));

		assertThat(refused).hasStatus(413);
		assertThat(ApiCaller.json(refused).get("detail").asString()).contains("2097152 bytes");
		assertThat(json).hasStatus(413);
		this.ingestion.verify(0, postRequestedFor(urlEqualTo("/rag/collections/" + collection + "/documents")));
		this.ingestion.verify(0, postRequestedFor(urlEqualTo("/rag/collections/" + collection + "/query")));
	}

	@Test
	void documentAndQueryRoutesWhenCalledThenForwarded() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String collection = UUID.randomUUID().toString();
		String document = UUID.randomUUID().toString();
		this.ingestion.stubFor(get(urlPathEqualTo("/rag/collections/" + collection + "/documents"))
			.withQueryParam("limit", equalTo("5"))
			.withQueryParam("status", equalTo("ready"))
			.willReturn(okJson("[" + document(document, collection, "ready") + "]")));
		this.ingestion.stubFor(get(urlEqualTo("/rag/documents/" + document))
			.willReturn(okJson(document(document, collection, "ready"))));
		this.ingestion
			.stubFor(delete(urlEqualTo("/rag/documents/" + document)).willReturn(aResponse().withStatus(204)));
		this.ingestion.stubFor(post(urlEqualTo("/rag/collections/" + collection + "/query"))
			.willReturn(okJson(queryResult(collection, "How do I deploy?", chunk("Deploy with compose.", 0.91)))));

		JsonNode documents = json(this.mvc
			.perform(caller.get("/rag/collections/" + collection + "/documents/?skip=0&limit=5&status=ready")), 200);
		JsonNode one = json(this.mvc.perform(caller.get("/rag/documents/" + document + "/")), 200);
		JsonNode found = json(this.mvc.perform(caller.post("/rag/collections/" + collection + "/query/",
				"{\"query\":\"How do I deploy?\",\"top_k\":3,\"filter\":{\"lang\":\"en\"}}")), 200);
		MvcTestResult deleted = this.mvc.perform(caller.delete("/rag/documents/" + document + "/"));

		assertThat(documents).hasSize(1);
		assertThat(documents.get(0).get("chunk_count").asInt()).isEqualTo(4);
		assertThat(one.get("indexed_at").asString()).startsWith("2026-01-05T10:16");
		assertThat(one.get("version").asInt()).isEqualTo(2);
		assertThat(found.get("total_results").asInt()).isEqualTo(1);
		assertThat(found.get("chunks").get(0).get("content").asString()).isEqualTo("Deploy with compose.");
		assertThat(found.get("chunks").get(0).get("score").asDouble()).isEqualTo(0.91);
		assertThat(found.get("chunks").get(0).get("version").asInt()).isEqualTo(3);
		assertThat(deleted).hasStatus(204);
		this.ingestion.verify(postRequestedFor(urlEqualTo("/rag/collections/" + collection + "/query"))
			.withHeader("Authorization", equalTo("Bearer " + caller.token()))
			.withRequestBody(equalToJson("{\"query\":\"How do I deploy?\",\"top_k\":3,\"filter\":{\"lang\":\"en\"}}")));
		this.ingestion.verify(deleteRequestedFor(urlEqualTo("/rag/documents/" + document)));
	}

	@Test
	void apiKeyCallerWhenForwardingThenTheKeyIsForwarded() {
		UUID tenant = UUID.randomUUID();
		String key = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
		TestEnvironment.auth()
			.stubFor(get(urlEqualTo("/api-keys/verify")).withHeader("Authorization", equalTo("Bearer " + key))
				.willReturn(okJson("""
						{"user_id":"api-key","tenant_id":"%s","email":"api-key@system","roles":["api-key"],
						 "permissions":["agents:read"],"is_superuser":false,"auth_type":"api_key"}"""
					.formatted(tenant))));
		String id = UUID.randomUUID().toString();
		this.ingestion
			.stubFor(get(urlEqualTo("/rag/collections/" + id)).willReturn(okJson(collection(id, tenant, "k"))));

		MvcTestResult result = this.mvc.perform(ApiCaller.anonymous()
			.from(MockMvcRequestBuilders.get("/rag/collections/{id}", id).header("X-API-Key", key)));

		assertThat(result).hasStatus(200);
		this.ingestion
			.verify(getRequestedFor(urlEqualTo("/rag/collections/" + id)).withHeader("X-API-Key", equalTo(key))
				.withHeader("Authorization", absent()));
	}

	@Test
	void refusalWhenIngestionAnswers4xxThenRelayedUnchanged() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String id = UUID.randomUUID().toString();
		String problem = "{\"type\":\"https://temponest.io/problems/not-found\",\"title\":\"Not Found\","
				+ "\"status\":404,\"detail\":\"Collection not found\",\"service\":\"ingestion\"}";
		this.ingestion.stubFor(get(urlEqualTo("/rag/collections/" + id)).willReturn(
				aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json").withBody(problem)));
		this.ingestion
			.stubFor(post(urlEqualTo("/rag/collections/" + id + "/documents")).willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/problem+json")
				.withHeader("Retry-After", "7")
				.withBody("{\"status\":429,\"detail\":\"Too many uploads\"}")));

		MvcTestResult missing = this.mvc.perform(caller.get("/rag/collections/" + id));
		MvcTestResult limited = this.mvc
			.perform(caller.from(MockMvcRequestBuilders.post("/rag/collections/{id}/documents", id)
				.contentType("multipart/form-data; boundary=b")
				.content(multipart("b", "a.txt", "hello".getBytes(StandardCharsets.UTF_8), "{}"))));

		assertThat(missing).hasStatus(404);
		assertThat(missing).hasContentType("application/problem+json");
		assertThat(ApiCaller.body(missing)).isEqualTo(problem);
		assertThat(limited).hasStatus(429);
		assertThat(limited).headers().hasValue("Retry-After", "7");
		assertThat(ApiCaller.json(limited).get("detail").asString()).isEqualTo("Too many uploads");
	}

	@Test
	void ingestionWhenFailingUnreachableOrSlowThenKnowledgeUnavailable() {
		Caller caller = Caller.withToken(TestEnvironment.ALL_PERMISSIONS);
		String failing = UUID.randomUUID().toString();
		String dropping = UUID.randomUUID().toString();
		String slow = UUID.randomUUID().toString();
		this.ingestion.stubFor(get(urlEqualTo("/rag/collections/" + failing))
			.willReturn(aResponse().withStatus(500).withBody("{\"detail\":\"boom\"}")));
		this.ingestion.stubFor(get(urlEqualTo("/rag/collections/" + dropping))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		this.ingestion.stubFor(get(urlEqualTo("/rag/collections/" + slow))
			.willReturn(okJson(collection(slow, caller.tenant(), "slow")).withFixedDelay(5000)));

		MvcTestResult failed = this.mvc.perform(caller.get("/rag/collections/" + failing));
		MvcTestResult dropped = this.mvc.perform(caller.get("/rag/collections/" + dropping));
		MvcTestResult timedOut = this.mvc.perform(caller.get("/rag/collections/" + slow));

		assertThat(failed).hasStatus(503);
		JsonNode problem = ApiCaller.json(failed);
		assertThat(problem.get("type").asString()).isEqualTo(KnowledgeUnavailableException.TYPE);
		assertThat(problem.get("detail").asString()).isEqualTo("The knowledge base is unavailable; retry shortly");
		assertThat(problem.get("detail").asString()).doesNotContain("boom");
		assertThat(dropped).hasStatus(503);
		assertThat(ApiCaller.json(dropped).get("type").asString()).isEqualTo(KnowledgeUnavailableException.TYPE);
		assertThat(timedOut).hasStatus(504);
		assertThat(ApiCaller.json(timedOut).get("type").asString()).isEqualTo(KnowledgeUnavailableException.TYPE);
	}

	@Test
	void callerWhenLackingThePermissionThenRefusedBeforeForwarding() {
		Caller reader = Caller.withToken(List.of("agents:read"));
		String id = UUID.randomUUID().toString();
		this.ingestion.stubFor(
				get(urlEqualTo("/rag/collections/" + id)).willReturn(okJson(collection(id, reader.tenant(), "r"))));

		assertThat(this.mvc.perform(reader.get("/rag/collections/" + id))).hasStatus(200);
		assertThat(this.mvc.perform(reader.post("/rag/collections/", "{\"name\":\"" + id + "\"}"))).hasStatus(403);
		assertThat(this.mvc.perform(reader.patch("/rag/collections/" + id, "{\"name\":\"x\"}"))).hasStatus(403);
		assertThat(this.mvc.perform(reader.delete("/rag/collections/" + id))).hasStatus(403);
		assertThat(this.mvc.perform(reader.delete("/rag/documents/" + id))).hasStatus(403);
		assertThat(this.mvc.perform(reader.from(MockMvcRequestBuilders.post("/rag/collections/{id}/documents", id)
			.contentType("multipart/form-data; boundary=b")
			.content(multipart("b", "a.txt", "hello".getBytes(StandardCharsets.UTF_8), "{}"))))).hasStatus(403);
		assertThat(this.mvc.perform(ApiCaller.anonymous().get("/rag/collections/" + id))).hasStatus(401);
		this.ingestion.verify(0, patchRequestedFor(urlEqualTo("/rag/collections/" + id)));
		this.ingestion.verify(0, postRequestedFor(urlEqualTo("/rag/collections")).withRequestBody(containing(id)));
		this.ingestion.verify(0, postRequestedFor(urlEqualTo("/rag/collections/" + id + "/documents")));
		this.ingestion.verify(0, deleteRequestedFor(urlPathMatching("/rag/.*" + id)));
	}

	static String collection(String id, UUID tenant, String name) {
		return """
				{"id":"%s","tenant_id":"%s","name":"%s","description":"Team docs","embedding_model":"nomic-embed-text",
				 "embedder":"hash","dimension":384,"chunk_size":800,"chunk_overlap":100,"metadata":{"team":"core"},
				 "document_count":0,"created_at":"2026-01-05T10:15:30.123456Z","updated_at":"2026-01-05T10:15:30Z"}"""
			.formatted(id, tenant, name);
	}

	static String document(String id, String collection, String status) {
		return """
				{"id":"%s","collection_id":"%s","filename":"notes.md","source":"notes.md","content_type":"text/markdown",
				 "size_bytes":1500000,"status":"%s","version":2,"chunk_count":4,"chunks_embedded":4,"error":null,
				 "metadata":{"source":"sdk"},"created_at":"2026-01-05T10:15:30Z","updated_at":"2026-01-05T10:16:00Z",
				 "indexed_at":"2026-01-05T10:16:00Z"}"""
			.formatted(id, collection, status);
	}

	static String chunk(String content, double score) {
		return """
				{"content":"%s","score":%s,"source":"guide.md","version":3,"document_id":"%s","chunk_index":0,
				 "metadata":{"lang":"en"}}""".formatted(content, score, UUID.randomUUID());
	}

	static String queryResult(String collection, String query, String... chunks) {
		return "{\"chunks\":[" + String.join(",", chunks) + "],\"query\":\"" + query + "\",\"collection_id\":\""
				+ collection + "\",\"total_results\":" + chunks.length + "}";
	}

	static byte[] multipart(String boundary, String filename, byte[] file, String metadata) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return body.toByteArray();
	}

	private static JsonNode json(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return ApiCaller.json(result);
	}

	/** A user of a new tenant whose token and request id the tests check on the wire. */
	record Caller(ApiCaller api, UUID tenant, String token, String requestId) {

		static Caller withToken(List<String> permissions) {
			UUID tenant = UUID.randomUUID();
			String token = TestTokens.sign(TestTokens.accessClaims(UUID.randomUUID(), tenant, permissions).build());
			return new Caller(ApiCaller.anonymous().bearer(token), tenant, token, "req-" + UUID.randomUUID());
		}

		MockHttpServletRequestBuilder get(String path) {
			return from(MockMvcRequestBuilders.get(path));
		}

		MockHttpServletRequestBuilder delete(String path) {
			return from(MockMvcRequestBuilders.delete(path));
		}

		MockHttpServletRequestBuilder post(String path, String json) {
			return from(MockMvcRequestBuilders.post(path)).contentType(MediaType.APPLICATION_JSON).content(json);
		}

		MockHttpServletRequestBuilder patch(String path, String json) {
			return from(MockMvcRequestBuilders.patch(path)).contentType(MediaType.APPLICATION_JSON).content(json);
		}

		MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request) {
			return this.api.from(request).header("X-Request-ID", this.requestId);
		}

	}

}
