package io.temponest.bench.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls the bench makes to the ingestion service (JDK {@code HttpClient}, HTTP/1.1, a
 * bearer token): upload a document, list a collection's documents, query a collection.
 */
final class KnowledgeClient {

	/** The most documents one list call returns. */
	static final int PAGE_SIZE = 100;

	private final HttpClient client;

	private final URI base;

	private final String token;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	KnowledgeClient(HttpClient client, URI base, String token, Duration timeout) {
		this.client = client;
		this.base = base;
		this.token = token;
		this.timeout = timeout;
	}

	/**
	 * The answer to an upload.
	 *
	 * @param status the HTTP status, 0 without an answer
	 * @param documentId the document's id, when the answer had one
	 * @param latencyNanos from sending to the whole answer
	 * @param error the exception's name without an answer, else the body's start when the
	 * status is not 202
	 */
	record Upload(int status, UUID documentId, long latencyNanos, String error) {

	}

	/**
	 * A document as the list shows it.
	 *
	 * @param id its id
	 * @param filename its file name
	 * @param status queued, processing, ready or failed
	 * @param chunkCount its chunks
	 * @param chunksEmbedded the chunks embedded so far
	 * @param error why it failed
	 * @param updatedAt when it last changed
	 * @param indexedAt when its chunks were stored, or null
	 */
	record DocumentState(UUID id, String filename, String status, int chunkCount, int chunksEmbedded, String error,
			Instant updatedAt, Instant indexedAt) {

		boolean done() {
			return "ready".equals(this.status) || "failed".equals(this.status);
		}

	}

	/**
	 * The answer to a query.
	 *
	 * @param status the HTTP status, 0 without an answer
	 * @param latencyNanos from sending to the whole answer
	 * @param totalResults the answer's {@code total_results}, -1 without one
	 * @param error the exception's name without an answer
	 */
	record Query(int status, long latencyNanos, int totalResults, String error) {

	}

	Upload upload(UUID collection, Corpus.Document document) {
		String boundary = "bench-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream(document.content().length + 512);
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
				+ document.filename() + "\"\r\nContent-Type: " + document.format().contentType() + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(document.content());
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = authorized("/rag/collections/" + collection + "/documents")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
			long latency = System.nanoTime() - start;
			UUID id = null;
			String error = "";
			try {
				JsonNode answer = this.json.readTree(response.body());
				if (answer.hasNonNull("id")) {
					id = UUID.fromString(answer.get("id").asString());
				}
			}
			catch (RuntimeException ex) {
				error = "unreadable-body";
			}
			if (response.statusCode() != 202) {
				error = abbreviate(response.body());
			}
			return new Upload(response.statusCode(), id, latency, error);
		}
		catch (IOException ex) {
			return new Upload(0, null, System.nanoTime() - start, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Upload(0, null, System.nanoTime() - start, "interrupted");
		}
	}

	/**
	 * Every document of a collection, a page of {@link #PAGE_SIZE} at a time.
	 * @param collection the collection
	 * @return its documents
	 * @throws IOException when a call fails or is not answered 200
	 * @throws InterruptedException when interrupted
	 */
	List<DocumentState> documents(UUID collection) throws IOException, InterruptedException {
		List<DocumentState> documents = new ArrayList<>();
		for (int skip = 0;; skip += PAGE_SIZE) {
			HttpRequest request = authorized(
					"/rag/collections/" + collection + "/documents?skip=" + skip + "&limit=" + PAGE_SIZE)
				.GET()
				.build();
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException(
						"GET documents answered " + response.statusCode() + ": " + abbreviate(response.body()));
			}
			JsonNode page = this.json.readTree(response.body());
			for (JsonNode document : page) {
				documents.add(new DocumentState(UUID.fromString(document.get("id").asString()),
						text(document, "filename"), text(document, "status"), document.path("chunk_count").asInt(0),
						document.path("chunks_embedded").asInt(0), text(document, "error"),
						instant(document.path("updated_at")), instant(document.path("indexed_at"))));
			}
			if (page.size() < PAGE_SIZE) {
				return documents;
			}
		}
	}

	Query query(UUID collection, String text, int topK) {
		String body = this.json.writeValueAsString(Map.of("query", text, "top_k", topK));
		HttpRequest request = authorized("/rag/collections/" + collection + "/query")
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
			long latency = System.nanoTime() - start;
			int total = -1;
			if (response.statusCode() == 200) {
				try {
					total = this.json.readTree(response.body()).path("total_results").asInt(-1);
				}
				catch (RuntimeException ex) {
					total = -1;
				}
			}
			return new Query(response.statusCode(), latency, total, "");
		}
		catch (IOException ex) {
			return new Query(0, System.nanoTime() - start, -1, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Query(0, System.nanoTime() - start, -1, "interrupted");
		}
	}

	/**
	 * A GET of a path, with or without the token: the floor cases next to the queries.
	 * @param path the path
	 * @param withToken whether to send the bearer token
	 * @return the status and latency ({@code totalResults} 1 for a 200)
	 */
	Query get(String path, boolean withToken) {
		HttpRequest request = (withToken ? authorized(path)
				: HttpRequest.newBuilder(this.base.resolve(path)).timeout(this.timeout))
			.GET()
			.build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request, BodyHandlers.ofString());
			return new Query(response.statusCode(), System.nanoTime() - start, (response.statusCode() == 200) ? 1 : -1,
					"");
		}
		catch (IOException ex) {
			return new Query(0, System.nanoTime() - start, -1, ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Query(0, System.nanoTime() - start, -1, "interrupted");
		}
	}

	private HttpRequest.Builder authorized(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(this.timeout)
			.header("Authorization", "Bearer " + this.token);
	}

	private static String text(JsonNode object, String field) {
		JsonNode node = object.get(field);
		return (node == null || node.isNull()) ? "" : node.asString();
	}

	private static Instant instant(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isNumber()) {
			return Instant.ofEpochSecond(0, Math.round(node.asDouble() * 1e9));
		}
		return Instant.parse(node.asString());
	}

	private static String abbreviate(String body) {
		String oneLine = body.replaceAll("\\s+", " ");
		return (oneLine.length() > 200) ? oneLine.substring(0, 200) : oneLine;
	}

}
