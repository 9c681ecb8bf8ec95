package io.temponest.security.openapi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.util.AntPathMatcher;

/**
 * Documents what every platform operation can answer besides success: the RFC 9457
 * problem schema ({@code application/problem+json}: {@code type, title, status, detail,
 * instance, service, request_id, errors[{field, message}]}) for each error status the web
 * edge produces, and the credentials (bearer token or API key) of every operation that is
 * not public. Success bodies documented as {@code *}/* become {@code application/json},
 * the only type the services answer with.
 * <p>
 * Statuses: every operation 400, 422, 429, 500 and 503; non-public ones also 401 and 403;
 * with a path parameter 404; with a request body 413 and 415. An error status the service
 * documents itself keeps its description and gets the problem body.
 */
final class ProblemOpenApiCustomizer implements GlobalOpenApiCustomizer {

	/** Name of the problem schema. */
	static final String PROBLEM = "Problem";

	/** Name of the schema of one {@code errors} entry. */
	static final String VALIDATION_ERROR = "ValidationError";

	/** The problem media type. */
	static final String PROBLEM_JSON = "application/problem+json";

	/** The servlet error page, which is no operation of the API. */
	private static final String ERROR_PATH = "/error";

	private static final String BEARER = "bearerAuth";

	private static final String API_KEY = "apiKey";

	private static final Map<String, String> COMMON = Map.of("400", "Malformed request (unreadable body or parameter)",
			"422", "Invalid field or parameter values (errors lists them)", "429",
			"Rate limit exceeded (Retry-After says when to retry)", "500",
			"Unexpected error (the request id ties it to the log)", "503",
			"A dependency is unavailable or saturated (Retry-After may say when to retry)");

	private final List<String> publicPaths;

	private final AntPathMatcher matcher = new AntPathMatcher();

	ProblemOpenApiCustomizer(List<String> publicPaths) {
		this.publicPaths = List.copyOf(publicPaths);
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		components.addSchemas(VALIDATION_ERROR, validationErrorSchema());
		components.addSchemas(PROBLEM, problemSchema());
		components.addSecuritySchemes(BEARER,
				new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
		components.addSecuritySchemes(API_KEY,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key"));
		if (components.getSchemas() != null) {
			components.getSchemas().remove("ProblemDetail");
		}
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().remove(ERROR_PATH);
		openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> customise(path, item, method, operation)));
	}

	private void customise(String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		boolean open = this.publicPaths.stream().anyMatch((pattern) -> this.matcher.match(pattern, path));
		Map<String, String> statuses = new TreeMap<>(COMMON);
		if (!open) {
			statuses.put("401", "Missing or invalid credentials");
			statuses.put("403", "The caller lacks a permission (detail names it) or may not act on the resource");
			operation.setSecurity(
					List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY)));
		}
		if (hasPathParameter(item, operation)) {
			statuses.put("404", "No such resource (or one of another tenant)");
		}
		if (operation.getRequestBody() != null) {
			statuses.put("413", "Request body too large");
			statuses.put("415", "Unsupported content type (send application/json)");
		}
		Map<String, ApiResponse> ordered = new TreeMap<>(responses);
		statuses
			.forEach((status, description) -> ordered.putIfAbsent(status, new ApiResponse().description(description)));
		responses.clear();
		ordered.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				if (!declaresProblem(response)) {
					response.setContent(problemContent());
				}
				if (response.getDescription() == null || response.getDescription().isBlank()) {
					response.setDescription(statuses.getOrDefault(status, "Error"));
				}
			}
			else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
				Content content = new Content();
				response.getContent()
					.forEach((type, media) -> content.addMediaType("*/*".equals(type) ? "application/json" : type,
							media));
				response.setContent(content);
			}
			responses.addApiResponse(status, response);
		});
		if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
				&& operation.getRequestBody().getContent().containsKey("*/*")) {
			Content content = new Content();
			operation.getRequestBody()
				.getContent()
				.forEach((type, media) -> content.addMediaType("*/*".equals(type) ? "application/json" : type, media));
			operation.getRequestBody().setContent(content);
		}
	}

	private static boolean hasPathParameter(PathItem item, Operation operation) {
		return Stream.of(item.getParameters(), operation.getParameters())
			.filter((parameters) -> parameters != null)
			.flatMap(List::stream)
			.map(Parameter::getIn)
			.anyMatch("path"::equals);
	}

	private static boolean declaresProblem(ApiResponse response) {
		return response.getContent() != null && response.getContent().size() == 1
				&& response.getContent().containsKey(PROBLEM_JSON);
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	private static Schema<?> problemSchema() {
		Schema<Object> schema = typed("object");
		schema.addProperty("type", typed("string").description("Problem type URI (about:blank when none)"));
		schema.addProperty("title", typed("string").description("Short summary of the status"));
		schema.addProperty("status", typed("integer").format("int32").description("The HTTP status"));
		schema.addProperty("detail", typed("string").description("What went wrong; never echoes client input"));
		schema.addProperty("instance", typed("string").description("URI reference of this occurrence"));
		schema.addProperty("service", typed("string").description("The service that answered"));
		schema.addProperty("request_id", typed("string").description("The request id (X-Request-ID)"));
		schema.addProperty("errors",
				typed("array").items(new Schema<>().$ref("#/components/schemas/" + VALIDATION_ERROR))
					.description("Invalid fields or parameters (422)"));
		schema.addProperty("error", typed("string").description("The rate limit that was exceeded (429)"));
		schema.addProperty("violations",
				typed("array").items(typed("string")).description("Rules a rejected value broke (password policy)"));
		schema.setRequired(List.of("title", "status", "detail"));
		schema.setDescription("RFC 9457 problem details");
		return schema;
	}

	private static Schema<?> validationErrorSchema() {
		Schema<Object> schema = typed("object");
		schema.addProperty("field", typed("string").description("The field, parameter or body"));
		schema.addProperty("message", typed("string").description("What is wrong with it (never the rejected value)"));
		schema.setRequired(List.of("field", "message"));
		return schema;
	}

	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		schema.setTypes(Set.of(type));
		return schema;
	}

}
