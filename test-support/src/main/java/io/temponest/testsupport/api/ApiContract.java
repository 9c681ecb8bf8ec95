package io.temponest.testsupport.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.temponest.testsupport.api.OpenApiDocument.ApiOperation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks real responses against a service's OpenAPI document: the status is documented
 * for the operation, the media type is documented for the status, and the body is valid
 * against the documented schema, where every documented object is closed (a property the
 * document does not name is an error, as it would be for a generated client that drops
 * it). Formats ({@code uuid}, {@code date-time}, ...) are asserted.
 */
public final class ApiContract {

	private final OpenApiDocument document;

	private final ObjectNode components;

	private final SchemaRegistry registry;

	private final Map<JsonNode, Schema> schemas = new ConcurrentHashMap<>();

	/**
	 * A contract of a document.
	 * @param document the document
	 */
	public ApiContract(OpenApiDocument document) {
		this.document = document;
		this.components = document.tree().path("components").deepCopy() instanceof ObjectNode object ? object
				: OpenApiDocument.JSON.createObjectNode();
		JsonNode schemasNode = this.components.path("schemas");
		for (JsonNode schema : schemasNode) {
			close(schema, !document.isOpenApi31());
		}
		this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder
			.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
	}

	/**
	 * The document.
	 * @return the document
	 */
	public OpenApiDocument document() {
		return this.document;
	}

	/**
	 * Check one response.
	 * @param operation the operation that was called
	 * @param status the status
	 * @param contentType the {@code Content-Type}, or {@code null}
	 * @param body the body (may be empty)
	 * @return what is wrong, empty when the response keeps the contract
	 */
	public List<String> check(ApiOperation operation, int status, String contentType, String body) {
		List<String> problems = new ArrayList<>();
		Map<String, JsonNode> content = documented(operation, status);
		if (content == null) {
			problems
				.add("status " + status + " is not documented (documented: " + operation.responses().keySet() + ")");
			return problems;
		}
		String mediaType = (contentType != null) ? contentType.split(";")[0].trim().toLowerCase(Locale.ROOT) : null;
		if (body.isEmpty()) {
			if (!content.isEmpty() && status != 204 && !operation.method().equals("HEAD")) {
				problems.add("status " + status + " has an empty body, documented " + content.keySet());
			}
			return problems;
		}
		if (content.isEmpty()) {
			problems.add("status " + status + " documents no body but one came (" + mediaType + ")");
			return problems;
		}
		JsonNode schemaNode = content.get(mediaType);
		if (schemaNode == null) {
			problems.add("media type " + mediaType + " is not documented for " + status + " (documented: "
					+ content.keySet() + ")");
			return problems;
		}
		if (mediaType == null || !mediaType.contains("json") || schemaNode.isMissingNode()) {
			return problems;
		}
		JsonNode instance;
		try {
			instance = OpenApiDocument.JSON.readTree(body);
		}
		catch (JacksonException ex) {
			problems.add("body is not JSON");
			return problems;
		}
		for (Error error : schema(schemaNode).validate(instance)) {
			problems.add("schema: " + String.valueOf(error.getInstanceLocation()).replaceAll("/\\d+(?=/|$)", "/*") + " "
					+ error.getMessage());
		}
		return problems;
	}

	private Map<String, JsonNode> documented(ApiOperation operation, int status) {
		Map<String, Map<String, JsonNode>> responses = operation.responses();
		String exact = Integer.toString(status);
		if (responses.containsKey(exact)) {
			return responses.get(exact);
		}
		String range = (status / 100) + "XX";
		if (responses.containsKey(range)) {
			return responses.get(range);
		}
		return responses.get("default");
	}

	private Schema schema(JsonNode schemaNode) {
		return this.schemas.computeIfAbsent(schemaNode, (node) -> {
			ObjectNode wrapper = OpenApiDocument.JSON.createObjectNode();
			wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
			wrapper.set("components", this.components);
			JsonNode copy = node.deepCopy();
			close(copy, !this.document.isOpenApi31());
			ArrayNode allOf = wrapper.putArray("allOf");
			allOf.add(copy);
			return this.registry.getSchema(wrapper);
		});
	}

	/**
	 * Close every object schema with named properties (no further properties allowed)
	 * and, for OpenAPI 3.0, turn {@code nullable} into a {@code null} type.
	 * @param schema a schema
	 * @param openApi30 whether the document is 3.0
	 */
	static void close(JsonNode schema, boolean openApi30) {
		if (!(schema instanceof ObjectNode object)) {
			return;
		}
		if (openApi30 && object.path("nullable").asBoolean(false) && object.has("type")) {
			String type = object.get("type").asString();
			object.remove("nullable");
			ArrayNode types = object.putArray("type");
			types.add(type);
			types.add("null");
		}
		JsonNode properties = object.get("properties");
		if (properties instanceof ObjectNode named) {
			if (!object.has("additionalProperties")) {
				object.put("additionalProperties", false);
			}
			for (JsonNode property : named) {
				close(property, openApi30);
			}
		}
		for (String key : List.of("items", "additionalProperties", "not")) {
			close(object.get(key), openApi30);
		}
		for (String key : List.of("allOf", "anyOf", "oneOf", "prefixItems")) {
			JsonNode members = object.get(key);
			if (members != null) {
				for (JsonNode member : members) {
					close(member, openApi30);
				}
			}
		}
	}

}
