package io.temponest.agents.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.temponest.security.web.RequestBodyTooLargeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * The one client of the ingestion service's knowledge API, called with the caller's
 * credentials. A 4xx answer is thrown as {@link KnowledgeRejectedException} carrying its
 * status and body; an unreachable or failing service as a 503
 * {@link KnowledgeUnavailableException}, one that does not answer in time as a 504. The
 * request id travels with the credentials, so calls may be made from any thread; bodies
 * are streamed, never buffered (no interceptors).
 */
@Component
class KnowledgeClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeClient.class);

	private static final String COLLECTIONS = "/rag/collections";

	private static final String COLLECTION = "/rag/collections/{id}";

	private static final String DOCUMENTS = "/rag/collections/{id}/documents";

	private static final String DOCUMENT = "/rag/documents/{id}";

	private static final String QUERY = "/rag/collections/{id}/query";

	private static final List<MediaType> ACCEPT = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON);

	/** The most of a refusal's body that is relayed. */
	private static final int MAX_RELAYED_BODY = 64 * 1024;

	private final HttpClient http;

	private final RestClient client;

	KnowledgeClient(RestClient.Builder builder, KnowledgeProperties properties) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(this.http);
		requests.setReadTimeout(properties.readTimeout());
		this.client = builder.baseUrl(properties.baseUrl())
			.requestFactory(requests)
			.requestInterceptors(List::clear)
			.build();
	}

	/** Lets the HTTP client's connections and threads go when the context closes. */
	@Override
	public void close() {
		this.http.close();
	}

	KnowledgeCollection createCollection(ForwardedCredentials caller, CollectionRequest request) {
		return required(
				call(caller, this.client.post().uri(COLLECTIONS).contentType(MediaType.APPLICATION_JSON).body(request),
						KnowledgeCollection.class));
	}

	List<KnowledgeCollection> listCollections(ForwardedCredentials caller, @Nullable Integer skip,
			@Nullable Integer limit, @Nullable String search) {
		return required(call(caller,
				this.client.get()
					.uri((uri) -> uri(uri, COLLECTIONS, variables("skip", skip, "limit", limit, "search", search))),
				new ParameterizedTypeReference<List<KnowledgeCollection>>() {
				}));
	}

	CollectionPage pageCollections(ForwardedCredentials caller, @Nullable Integer page, @Nullable Integer pageSize,
			@Nullable String search) {
		return required(call(caller, this.client.get()
			.uri((uri) -> uri(uri, COLLECTIONS, variables("page", page, "page_size", pageSize, "search", search))),
				CollectionPage.class));
	}

	KnowledgeCollection getCollection(ForwardedCredentials caller, String id) {
		return required(call(caller, this.client.get().uri(COLLECTION, id), KnowledgeCollection.class));
	}

	KnowledgeCollection updateCollection(ForwardedCredentials caller, String id, CollectionPatch patch) {
		return required(call(caller,
				this.client.patch().uri(COLLECTION, id).contentType(MediaType.APPLICATION_JSON).body(patch),
				KnowledgeCollection.class));
	}

	void deleteCollection(ForwardedCredentials caller, String id) {
		call(caller, this.client.delete().uri(COLLECTION, id), Void.class);
	}

	/**
	 * Upload a document: the caller's multipart body is streamed through as it arrives,
	 * under the caller's {@code Content-Type} (boundary included), exactly as given. The
	 * ingestion service answers 202 when it queued the document, 200 when the collection
	 * already holds the same content.
	 */
	UploadedDocument uploadDocument(ForwardedCredentials caller, String collectionId, String contentType,
			long contentLength, InputStream body) {
		RestClient.RequestBodySpec request = this.client.post()
			.uri(DOCUMENTS, collectionId)
			.header(HttpHeaders.CONTENT_TYPE, contentType);
		if (contentLength >= 0) {
			request.contentLength(contentLength);
		}
		return required(call(caller, request.body(body::transferTo), (response) -> {
			KnowledgeDocument document = response.bodyTo(KnowledgeDocument.class);
			return (document != null) ? new UploadedDocument(document, response.getStatusCode().value() == 202) : null;
		}));
	}

	List<KnowledgeDocument> listDocuments(ForwardedCredentials caller, String collectionId, @Nullable Integer skip,
			@Nullable Integer limit, @Nullable String status) {
		return required(call(caller,
				this.client.get()
					.uri((uri) -> uri(uri, DOCUMENTS,
							variables("id", collectionId, "skip", skip, "limit", limit, "status", status))),
				new ParameterizedTypeReference<List<KnowledgeDocument>>() {
				}));
	}

	KnowledgeDocument getDocument(ForwardedCredentials caller, String id) {
		return required(call(caller, this.client.get().uri(DOCUMENT, id), KnowledgeDocument.class));
	}

	void deleteDocument(ForwardedCredentials caller, String id) {
		call(caller, this.client.delete().uri(DOCUMENT, id), Void.class);
	}

	QueryResult query(ForwardedCredentials caller, String collectionId, QueryRequest query) {
		return required(call(caller,
				this.client.post().uri(QUERY, collectionId).contentType(MediaType.APPLICATION_JSON).body(query),
				QueryResult.class));
	}

	/**
	 * A URI of {@code path} with the given query parameters that have a value, every
	 * value encoded as a URI variable.
	 */
	private static URI uri(UriBuilder uri, String path, Map<String, @Nullable Object> variables) {
		Map<String, Object> values = new LinkedHashMap<>();
		uri.path(path);
		variables.forEach((name, value) -> {
			if (value != null) {
				if (!path.contains("{" + name + "}")) {
					uri.queryParam(name, "{" + name + "}");
				}
				values.put(name, value);
			}
		});
		return uri.build(values);
	}

	private <T> @Nullable T call(ForwardedCredentials caller, RestClient.RequestHeadersSpec<?> request, Class<T> type) {
		return call(caller, request, (response) -> response.bodyTo(type));
	}

	private <T> @Nullable T call(ForwardedCredentials caller, RestClient.RequestHeadersSpec<?> request,
			ParameterizedTypeReference<T> type) {
		return call(caller, request, (response) -> response.bodyTo(type));
	}

	private <T> @Nullable T call(ForwardedCredentials caller, RestClient.RequestHeadersSpec<?> request,
			BodyReader<T> reader) {
		try {
			return request.headers(caller::applyTo)
				.accept(ACCEPT.toArray(MediaType[]::new))
				.exchange((req, response) -> {
					HttpStatusCode status = response.getStatusCode();
					if (status.is2xxSuccessful()) {
						return (status.value() == 204) ? null : reader.read(response);
					}
					if (status.is4xxClientError()) {
						HttpHeaders headers = response.getHeaders();
						throw new KnowledgeRejectedException(status.value(), headers.getFirst(HttpHeaders.CONTENT_TYPE),
								headers.getFirst(HttpHeaders.RETRY_AFTER), readBody(response.getBody()));
					}
					log.warn("The knowledge base answered {} to {} {}", status.value(), req.getMethod(),
							req.getURI().getPath());
					throw KnowledgeUnavailableException.unreachable();
				});
		}
		catch (KnowledgeRejectedException | KnowledgeUnavailableException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (RequestBodyTooLargeException.isCauseOf(ex)) {
				// the caller's upload grew past the cap while it was streamed: 413
				throw ex;
			}
			if (isTimeout(ex)) {
				log.warn("The knowledge base did not answer in time: {}", ex.toString());
				throw KnowledgeUnavailableException.timedOut();
			}
			log.warn("The knowledge base could not be reached or answered unreadably: {}", ex.toString());
			throw KnowledgeUnavailableException.unreachable();
		}
	}

	/** Names and values, alternating. */
	private static Map<String, @Nullable Object> variables(@Nullable Object... namesAndValues) {
		Map<String, @Nullable Object> variables = new LinkedHashMap<>();
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			variables.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
		}
		return variables;
	}

	private static byte[] readBody(InputStream body) throws IOException {
		try (body) {
			return body.readNBytes(MAX_RELAYED_BODY);
		}
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof HttpConnectTimeoutException) {
				return false;
			}
			if (cause instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			log.warn("The knowledge base answered without a body");
			throw KnowledgeUnavailableException.unreachable();
		}
		return value;
	}

	/** Reads a successful answer. */
	@FunctionalInterface
	private interface BodyReader<T> {

		@Nullable T read(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) throws IOException;

	}

}
