package io.temponest.testsupport.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid-looking values generated from a schema (for fields a test gives no value for).
 */
final class SampleValues {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private SampleValues() {
	}

	/**
	 * The JSON type of a schema: its {@code type} (the first non-null one of a 3.1 list),
	 * else {@code object} when it names properties, else {@code any}.
	 * @param document the document
	 * @param schema the schema
	 * @return the type
	 */
	static String type(OpenApiDocument document, JsonNode schema) {
		JsonNode resolved = document.resolve(schema);
		if (resolved == null) {
			return "any";
		}
		JsonNode type = resolved.path("type");
		if (type.isString()) {
			return type.asString();
		}
		if (type.isArray()) {
			for (JsonNode member : type) {
				if (!"null".equals(member.asString())) {
					return member.asString();
				}
			}
		}
		for (String composite : new String[] { "oneOf", "anyOf", "allOf" }) {
			if (resolved.path(composite).isArray() && !resolved.path(composite).isEmpty()) {
				return type(document, resolved.path(composite).get(0));
			}
		}
		return resolved.has("properties") ? "object" : "any";
	}

	/**
	 * A value of a schema: the example or default if any, the first enum value, else a
	 * simple value of the type and format; objects get their required properties.
	 * @param document the document
	 * @param schema the schema
	 * @return the value
	 */
	static JsonNode sample(OpenApiDocument document, JsonNode schema) {
		JsonNode resolved = document.resolve(schema);
		if (resolved == null || resolved.isMissingNode()) {
			return NODES.objectNode();
		}
		if (resolved.has("example")) {
			return resolved.get("example");
		}
		if (resolved.has("default")) {
			return resolved.get("default");
		}
		if (resolved.path("enum").isArray() && !resolved.path("enum").isEmpty()) {
			return resolved.path("enum").get(0);
		}
		String format = resolved.path("format").asString("");
		return switch (type(document, resolved)) {
			case "integer", "number" -> NODES.numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
			case "boolean" -> NODES.booleanNode(true);
			case "array" -> NODES.arrayNode();
			case "string" -> NODES.stringNode(switch (format) {
				case "uuid" -> "00000000-0000-4000-8000-000000000001";
				case "date-time" -> "2030-01-01T00:00:00Z";
				case "date" -> "2030-01-01";
				case "email" -> "sample@example.com";
				case "uri" -> "https://example.com/";
				default -> "sample";
			});
			case "object" -> object(document, resolved);
			default -> NODES.objectNode();
		};
	}

	private static ObjectNode object(OpenApiDocument document, JsonNode schema) {
		ObjectNode object = NODES.objectNode();
		for (JsonNode required : schema.path("required")) {
			String name = required.asString();
			object.set(name, sample(document, schema.path("properties").path(name)));
		}
		return object;
	}

}
