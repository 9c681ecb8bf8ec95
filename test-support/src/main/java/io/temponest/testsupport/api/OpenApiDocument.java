package io.temponest.testsupport.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document (3.0 or 3.1, JSON) read as a tree: its operations with
 * their parameters, request bodies and responses, and {@code $ref} resolution inside the
 * document.
 */
public final class OpenApiDocument {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete", "head", "options",
			"trace");

	private final ObjectNode root;

	private final List<ApiOperation> operations;

	private OpenApiDocument(ObjectNode root) {
		this.root = root;
		this.operations = readOperations();
	}

	/**
	 * Fetch a running service's document from {@code /v3/api-docs} and keep a copy in
	 * {@code target/openapi-<service>.json} for whoever reads a failure.
	 * @param base the service's base URL
	 * @param service the service's name (names the copy)
	 * @return the document
	 */
	public static OpenApiDocument fetch(URI base, String service) {
		try (HttpClient client = HttpClient.newHttpClient()) {
			String json = client
				.send(HttpRequest.newBuilder(base.resolve("/v3/api-docs")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Path copy = Path.of("target", "openapi-" + service + ".json");
			Files.createDirectories(copy.getParent());
			Files.writeString(copy, json);
			return parse(json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while fetching the OpenAPI document", ex);
		}
	}

	/**
	 * Read a document.
	 * @param json the document
	 * @return the document
	 */
	public static OpenApiDocument parse(String json) {
		JsonNode tree = JSON.readTree(json);
		if (!(tree instanceof ObjectNode object) || !tree.has("openapi")) {
			throw new IllegalArgumentException("Not an OpenAPI document");
		}
		return new OpenApiDocument(object);
	}

	/**
	 * The document as read.
	 * @return the tree (do not change it)
	 */
	public ObjectNode tree() {
		return this.root;
	}

	/**
	 * Whether the document is OpenAPI 3.1 (JSON Schema 2020-12 schemas).
	 * @return whether 3.1
	 */
	public boolean isOpenApi31() {
		return this.root.path("openapi").asString("").startsWith("3.1");
	}

	/**
	 * Every operation, ordered by path and method.
	 * @return the operations
	 */
	public List<ApiOperation> operations() {
		return this.operations;
	}

	/**
	 * The operation of a method and path template.
	 * @param method the method, e.g. {@code GET}
	 * @param path the template, e.g. {@code /schedules/{id}}
	 * @return the operation
	 * @throws IllegalArgumentException when the document has none
	 */
	public ApiOperation operation(String method, String path) {
		return this.operations.stream()
			.filter((operation) -> operation.method().equalsIgnoreCase(method) && operation.path().equals(path))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Undocumented operation " + method + " " + path));
	}

	/**
	 * The operation whose template matches a concrete path.
	 * @param method the method
	 * @param concretePath the path without query
	 * @return the operation, if one matches
	 */
	public Optional<ApiOperation> match(String method, String concretePath) {
		return this.operations.stream()
			.filter((operation) -> operation.method().equalsIgnoreCase(method))
			.filter((operation) -> templatePattern(operation.path()).matcher(concretePath).matches())
			.min(Comparator.comparingInt((ApiOperation operation) -> operation.path().indexOf('{') < 0 ? 0 : 1));
	}

	/**
	 * Follow {@code $ref}s (local ones) until a node without one.
	 * @param node a node
	 * @return the node referred to
	 */
	public JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		for (int i = 0; i < 20 && current != null && current.has("$ref"); i++) {
			String ref = current.get("$ref").asString();
			if (!ref.startsWith("#")) {
				throw new IllegalArgumentException("Only local references are supported: " + ref);
			}
			current = this.root.at(ref.substring(1));
		}
		return current;
	}

	private List<ApiOperation> readOperations() {
		List<ApiOperation> result = new ArrayList<>();
		JsonNode paths = this.root.path("paths");
		for (String path : paths.propertyNames()) {
			JsonNode item = resolve(paths.get(path));
			for (String method : METHODS) {
				JsonNode operation = item.get(method);
				if (operation == null) {
					continue;
				}
				result.add(readOperation(path, method.toUpperCase(Locale.ROOT), item, operation));
			}
		}
		result.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
		return List.copyOf(result);
	}

	private ApiOperation readOperation(String path, String method, JsonNode item, JsonNode operation) {
		Map<String, ApiParameter> parameters = new LinkedHashMap<>();
		for (JsonNode source : List.of(item.path("parameters"), operation.path("parameters"))) {
			for (JsonNode raw : source) {
				JsonNode parameter = resolve(raw);
				String name = parameter.path("name").asString();
				String in = parameter.path("in").asString();
				parameters.put(in + ":" + name, new ApiParameter(name, in, parameter.path("required").asBoolean(false),
						resolve(parameter.path("schema"))));
			}
		}
		Map<String, JsonNode> requestBody = new LinkedHashMap<>();
		JsonNode body = resolve(operation.path("requestBody"));
		for (String mediaType : body.path("content").propertyNames()) {
			requestBody.put(mediaType, body.path("content").get(mediaType).path("schema"));
		}
		Map<String, Map<String, JsonNode>> responses = new LinkedHashMap<>();
		JsonNode documented = operation.path("responses");
		for (String status : documented.propertyNames()) {
			JsonNode response = resolve(documented.get(status));
			Map<String, JsonNode> content = new LinkedHashMap<>();
			for (String mediaType : response.path("content").propertyNames()) {
				content.put(mediaType, response.path("content").get(mediaType).path("schema"));
			}
			responses.put(status, content);
		}
		boolean secured = operation.has("security") ? !operation.get("security").isEmpty()
				: !this.root.path("security").isEmpty();
		String operationId = operation.path("operationId").asString(method + " " + path);
		return new ApiOperation(method, path, operationId, List.copyOf(parameters.values()), requestBody,
				body.path("required").asBoolean(false), responses, secured);
	}

	private static Pattern templatePattern(String template) {
		StringBuilder regex = new StringBuilder();
		for (String part : template.split("(?=\\{)|(?<=\\})")) {
			regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
		}
		return Pattern.compile(regex + "/?");
	}

	/**
	 * One operation of the document.
	 *
	 * @param method the HTTP method, upper case
	 * @param path the path template
	 * @param operationId the operation id (or method and path)
	 * @param parameters path, query and header parameters
	 * @param requestBody request body schemas (unresolved) by media type
	 * @param bodyRequired whether the body is required
	 * @param responses response schemas (unresolved) by media type, by status
	 * @param secured whether the operation names credentials
	 */
	public record ApiOperation(String method, String path, String operationId, List<ApiParameter> parameters,
			Map<String, JsonNode> requestBody, boolean bodyRequired, Map<String, Map<String, JsonNode>> responses,
			boolean secured) {

		/**
		 * The parameters of one location.
		 * @param in {@code path}, {@code query} or {@code header}
		 * @return the parameters
		 */
		public List<ApiParameter> parameters(String in) {
			return this.parameters.stream().filter((parameter) -> parameter.in().equals(in)).toList();
		}

		/**
		 * The JSON request body schema, if the operation takes a JSON body.
		 * @return the schema (unresolved)
		 */
		public Optional<JsonNode> jsonBody() {
			return this.requestBody.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().contains("json"))
				.map(Map.Entry::getValue)
				.findFirst();
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	/**
	 * One parameter.
	 *
	 * @param name its name
	 * @param in where it goes
	 * @param required whether required
	 * @param schema its schema (resolved)
	 */
	public record ApiParameter(String name, String in, boolean required, JsonNode schema) {

	}

}
