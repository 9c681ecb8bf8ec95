package io.temponest.testsupport.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.temponest.testsupport.api.OpenApiDocument.ApiOperation;
import tools.jackson.databind.JsonNode;

/**
 * What makes a document usable by a client generator as it is: readable by swagger-parser
 * without messages (the parser openapi-generator uses), property names in the API's
 * naming (e.g. snake_case), a schema for every JSON request body and success body, only
 * {@code application/problem+json} problem bodies for error statuses, no {@code *}/*
 * media types, and unique operation ids.
 */
public final class DocumentRules {

	/** snake_case names. */
	public static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

	private DocumentRules() {
	}

	/**
	 * Check a document.
	 * @param document the document
	 * @param propertyNames the naming of every property of every schema
	 * @return what is wrong, empty when nothing is
	 */
	public static List<String> check(OpenApiDocument document, Pattern propertyNames) {
		List<String> problems = new ArrayList<>();
		SwaggerParseResult parsed = new OpenAPIV3Parser()
			.readContents(OpenApiDocument.JSON.writeValueAsString(document.tree()), null, new ParseOptions());
		if (parsed.getOpenAPI() == null) {
			problems.add("swagger-parser cannot read the document");
		}
		if (parsed.getMessages() != null) {
			parsed.getMessages().forEach((message) -> problems.add("swagger-parser: " + message));
		}
		JsonNode schemas = document.tree().path("components").path("schemas");
		for (String name : schemas.propertyNames()) {
			names(schemas.get(name), "#/components/schemas/" + name, propertyNames, problems);
		}
		Set<String> operationIds = new HashSet<>();
		for (ApiOperation operation : document.operations()) {
			if (!operationIds.add(operation.operationId())) {
				problems.add(operation + ": operationId " + operation.operationId() + " is not unique");
			}
			if (operation.responses().keySet().stream().noneMatch((status) -> status.startsWith("2"))) {
				problems.add(operation + ": no success response is documented");
			}
			for (Map.Entry<String, JsonNode> body : operation.requestBody().entrySet()) {
				if (body.getKey().equals("*/*")) {
					problems.add(operation + ": request body media type */*");
				}
				if (isEmptySchema(document, body.getValue())) {
					problems.add(operation + ": request body " + body.getKey() + " has no schema");
				}
				names(body.getValue(), operation + " request body", propertyNames, problems);
			}
			operation.responses().forEach((status, content) -> {
				for (Map.Entry<String, JsonNode> media : content.entrySet()) {
					if (media.getKey().equals("*/*")) {
						problems.add(operation + ": response " + status + " media type */*");
					}
					names(media.getValue(), operation + " response " + status, propertyNames, problems);
				}
				if (status.startsWith("2") && !status.equals("204") && !status.equals("202") && content.isEmpty()) {
					problems.add(operation + ": response " + status + " has no body schema");
				}
				if ((status.startsWith("4") || status.startsWith("5"))
						&& !content.keySet().equals(Set.of("application/problem+json"))) {
					problems.add(operation + ": error " + status + " is not documented as application/problem+json");
				}
				content.forEach((type, schema) -> {
					if (status.startsWith("2") && isEmptySchema(document, schema)) {
						problems.add(operation + ": response " + status + " " + type + " has no schema");
					}
				});
			});
		}
		return problems;
	}

	private static boolean isEmptySchema(OpenApiDocument document, JsonNode schema) {
		JsonNode resolved = document.resolve(schema);
		return resolved == null || resolved.isMissingNode() || resolved.isEmpty();
	}

	private static void names(JsonNode schema, String where, Pattern pattern, List<String> problems) {
		if (schema == null || !schema.isObject()) {
			return;
		}
		JsonNode properties = schema.path("properties");
		for (String name : properties.propertyNames()) {
			if (!pattern.matcher(name).matches()) {
				problems.add(where + ": property " + name + " is not named like " + pattern.pattern());
			}
			names(properties.get(name), where + "." + name, pattern, problems);
		}
		names(schema.get("items"), where + "[]", pattern, problems);
		for (String key : List.of("allOf", "anyOf", "oneOf")) {
			for (JsonNode member : schema.path(key)) {
				names(member, where, pattern, problems);
			}
		}
	}

}
