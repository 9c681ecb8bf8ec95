package io.temponest.testsupport.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.temponest.testsupport.api.OpenApiDocument.ApiOperation;
import tools.jackson.databind.JsonNode;

/**
 * Calls documented operations of a running service over real HTTP for a test's happy path
 * and holds every response to the same rules and contract as the hostile-input harness;
 * {@link #report()} collects what broke them.
 */
public final class ApiClient {

	private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

	private final ApiContract contract;

	private final HttpSender sender;

	private final Supplier<Map<String, String>> credentials;

	private final HarnessReport report;

	/**
	 * A client.
	 * @param baseUri where the service listens
	 * @param contract the service's contract
	 * @param credentials headers sent with every request
	 */
	public ApiClient(URI baseUri, ApiContract contract, Supplier<Map<String, String>> credentials) {
		this(contract, new HttpSender(baseUri), credentials, new HarnessReport());
	}

	private ApiClient(ApiContract contract, HttpSender sender, Supplier<Map<String, String>> credentials,
			HarnessReport report) {
		this.contract = contract;
		this.sender = sender;
		this.credentials = credentials;
		this.report = report;
	}

	/**
	 * The same client as another caller, recording into the same report.
	 * @param otherCredentials the other caller's headers
	 * @return the client
	 */
	public ApiClient as(Supplier<Map<String, String>> otherCredentials) {
		return new ApiClient(this.contract, this.sender, otherCredentials, this.report);
	}

	/**
	 * Call an operation.
	 * @param method the method
	 * @param template the documented path template
	 * @param json the JSON body, or {@code null}
	 * @param variables the path variables, in order
	 * @return the response
	 */
	public Response call(String method, String template, String json, Object... variables) {
		return query(method, template, "", json, variables);
	}

	/**
	 * Call an operation with a query string.
	 * @param method the method
	 * @param template the documented path template
	 * @param query the query without {@code ?} (already encoded), or empty
	 * @param json the JSON body, or {@code null}
	 * @param variables the path variables, in order
	 * @return the response
	 */
	public Response query(String method, String template, String query, String json, Object... variables) {
		ApiOperation operation = this.contract.document().operation(method, template);
		Matcher matcher = VARIABLE.matcher(template);
		StringBuilder path = new StringBuilder();
		int index = 0;
		while (matcher.find()) {
			matcher.appendReplacement(path, Matcher.quoteReplacement(String.valueOf(variables[index++])));
		}
		matcher.appendTail(path);
		if (!query.isEmpty()) {
			path.append('?').append(query);
		}
		Map<String, String> headers = new LinkedHashMap<>(this.credentials.get());
		if (json != null) {
			headers.put("Content-Type", "application/json");
		}
		Exchange exchange = this.sender.send(operation, operation.toString(), "happy path " + method + " " + path,
				false, method, path.toString(), headers, (json != null) ? json.getBytes(StandardCharsets.UTF_8) : null);
		this.report.record(exchange, ResponseRules.check(exchange, Duration.ofSeconds(5), this.contract));
		return new Response(exchange.status(), exchange.body());
	}

	/**
	 * What the calls so far broke.
	 * @return the report
	 */
	public HarnessReport report() {
		return this.report;
	}

	/**
	 * A response.
	 *
	 * @param status the status
	 * @param body the body
	 */
	public record Response(int status, String body) {

		/**
		 * The body as JSON.
		 * @return the tree
		 */
		public JsonNode json() {
			return OpenApiDocument.JSON.readTree(this.body.isEmpty() ? "null" : this.body);
		}

	}

}
