package io.temponest.testsupport.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.temponest.testsupport.api.OpenApiDocument.ApiOperation;
import io.temponest.testsupport.api.OpenApiDocument.ApiParameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends hostile input to every operation of a running service, as its OpenAPI document
 * describes it, and reports every response that breaks the {@linkplain ResponseRules
 * rules} (5xx, non-problem error bodies, echoed input, answers slower than the bound) or,
 * with a {@link ApiContract}, the document.
 * <p>
 * Cases are derived from the document, so an operation is covered the day it is added:
 * per body field a wrong type, {@code null}, an oversize string, NUL, C0 control and bidi
 * characters, a lone surrogate, SQL, script, template and path-traversal strings, extreme
 * and fractional numbers; per body: malformed JSON, an empty body, the wrong JSON shape,
 * wrong content types, each required field missing, a hostile unknown member, invalid
 * UTF-8, deep nesting and a body over the cap; per path parameter: a non-UUID, NUL, an
 * encoded slash and backslash, a bidi character and a very long value; per query
 * parameter: paging extremes ({@code -1, 0, 2^31, 2^63}), non-numbers, the hostile
 * strings and base64 cursors that decode to hostile content; and per service the
 * URL-level cases (9 KB URLs, {@code //}, {@code %00}, {@code %2F}, unknown routes,
 * {@code /error}, a method the route does not have, hostile credentials and request ids).
 * Every hostile value carries {@link #MARKER}, so an echo is found exactly. Nothing is
 * random: the same document gives the same requests in the same order (operations by path
 * and method, {@code DELETE} last).
 */
public final class HostileInputHarness {

	/** The marker every hostile value carries. */
	public static final String MARKER = "zq7marker";

	/** Group of the cases that belong to no operation. */
	public static final String URL_GROUP = "URL";

	private static final String LONE_SURROGATE = "zq7marker-lone-surrogate";

	private static final Map<String, String> STRINGS = hostileStrings();

	private final OpenApiDocument document;

	private final HttpSender sender;

	private final Supplier<Map<String, String>> credentials;

	private final BiFunction<ApiOperation, String, String> pathValues;

	private final Map<String, String> validBodies;

	private final Duration bound;

	private final ApiContract contract;

	private final Set<String> skipped;

	private HostileInputHarness(Builder builder) {
		this.document = builder.document;
		this.sender = new HttpSender(builder.baseUri);
		this.credentials = builder.credentials;
		this.pathValues = builder.pathValues;
		this.validBodies = Map.copyOf(builder.validBodies);
		this.bound = builder.bound;
		this.contract = builder.contract;
		this.skipped = Set.copyOf(builder.skipped);
	}

	/**
	 * Start configuring a harness.
	 * @param baseUri where the service listens, e.g. {@code http://localhost:54321}
	 * @param document the service's document
	 * @return a builder
	 */
	public static Builder forService(URI baseUri, OpenApiDocument document) {
		return new Builder(baseUri, document);
	}

	/**
	 * Send every case and check every response.
	 * @return the report
	 */
	public HarnessReport run() {
		HarnessReport report = new HarnessReport();
		List<ApiOperation> operations = new ArrayList<>(this.document.operations());
		operations.removeIf((operation) -> this.skipped.contains(key(operation)));
		operations.sort(Comparator.comparing((ApiOperation operation) -> operation.method().equals("DELETE")));
		for (ApiOperation operation : operations) {
			for (HostileCase hostileCase : cases(operation)) {
				send(report, operation, operation.toString(), hostileCase);
			}
		}
		for (HostileCase hostileCase : urlCases(operations)) {
			send(report, null, URL_GROUP, hostileCase);
		}
		return report;
	}

	private void send(HarnessReport report, ApiOperation operation, String group, HostileCase hostileCase) {
		Map<String, String> headers = new LinkedHashMap<>(this.credentials.get());
		headers.putAll(hostileCase.headers());
		Exchange exchange = this.sender.send(operation, group, hostileCase.name(), hostileCase.hostile(),
				hostileCase.method(), hostileCase.target(), headers, hostileCase.body());
		report.record(exchange, ResponseRules.check(exchange, this.bound, this.contract));
	}

	/**
	 * Every case of one operation.
	 * @param operation the operation
	 * @return the cases, in a fixed order
	 */
	List<HostileCase> cases(ApiOperation operation) {
		List<HostileCase> cases = new ArrayList<>();
		Request valid = validRequest(operation);
		for (ApiParameter parameter : operation.parameters("path")) {
			for (Map.Entry<String, String> value : pathValues(parameter).entrySet()) {
				Map<String, String> path = new LinkedHashMap<>(valid.pathValues());
				path.put(parameter.name(), value.getValue());
				cases.add(valid.withPath(path).named("path." + parameter.name() + ": " + value.getKey()));
			}
		}
		for (ApiParameter parameter : operation.parameters("query")) {
			for (Map.Entry<String, String> value : queryValues(parameter).entrySet()) {
				Map<String, String> query = new LinkedHashMap<>(valid.query());
				query.put(parameter.name(), value.getValue());
				cases.add(valid.withQuery(query).named("query." + parameter.name() + ": " + value.getKey()));
			}
		}
		operation.jsonBody()
			.ifPresent((schemaNode) -> cases.addAll(bodyCases(valid, this.document.resolve(schemaNode))));
		return cases;
	}

	private Request validRequest(ApiOperation operation) {
		Map<String, String> path = new LinkedHashMap<>();
		for (ApiParameter parameter : operation.parameters("path")) {
			String value = this.pathValues.apply(operation, parameter.name());
			path.put(parameter.name(), Objects.requireNonNullElseGet(value,
					() -> SampleValues.sample(this.document, parameter.schema()).asString()));
		}
		Map<String, String> query = new LinkedHashMap<>();
		for (ApiParameter parameter : operation.parameters("query")) {
			if (parameter.required()) {
				query.put(parameter.name(), SampleValues.sample(this.document, parameter.schema()).asString());
			}
		}
		String body = null;
		if (operation.jsonBody().isPresent()) {
			body = this.validBodies.get(key(operation));
			if (body == null) {
				body = OpenApiDocument.JSON
					.writeValueAsString(SampleValues.sample(this.document, operation.jsonBody().get()));
			}
		}
		return new Request(operation, "valid", path, query, body, "application/json", Map.of(), false);
	}

	private static Map<String, String> pathValues(ApiParameter parameter) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("not a UUID", MARKER + "-not-a-uuid");
		values.put("nul", MARKER + "%00x");
		values.put("encoded slash", MARKER + "%2F..%2Fx");
		values.put("encoded backslash", MARKER + "%5C..%5Cx");
		values.put("bidi", MARKER + "%E2%80%AEx");
		values.put("script", "%3Cscript%3E" + MARKER);
		values.put("sql", MARKER + "'%20OR%20'1'%3D'1");
		values.put("very long", MARKER + "a".repeat(4000));
		values.put("matrix", MARKER + ";jsessionid=x");
		return values;
	}

	private Map<String, String> queryValues(ApiParameter parameter) {
		Map<String, String> values = new LinkedHashMap<>();
		String type = SampleValues.type(this.document, parameter.schema());
		if (type.equals("integer") || type.equals("number")) {
			values.put("-1", "-1");
			values.put("0", "0");
			values.put("2^31", "2147483648");
			values.put("2^63", "9223372036854775808");
			values.put("fraction", "1.5");
			values.put("exponent", "1e3");
			values.put("non-numeric", MARKER);
			values.put("empty", "");
			values.put("nul", MARKER + "%00");
			return values;
		}
		if (type.equals("boolean")) {
			values.put("non-boolean", MARKER);
			values.put("nul", "true%00" + MARKER);
			return values;
		}
		values.put("not a UUID", MARKER + "-not-a-uuid");
		for (String name : List.of("nul", "control", "bidi", "sql", "script", "template", "traversal")) {
			values.put(name, encode(STRINGS.get(name)));
		}
		values.put("oversize", encode(MARKER + "x".repeat(2000)));
		values.put("base64 JSON", encode(base64("{\"" + MARKER + "\":[null,{}]}")));
		values.put("base64 NUL", encode(base64(MARKER + "\u0000" + MARKER)));
		values.put("base64 garbage", encode("!!" + MARKER + "=="));
		return values;
	}

	private List<HostileCase> bodyCases(Request valid, JsonNode schema) {
		List<HostileCase> cases = new ArrayList<>();
		JsonNode validTree = OpenApiDocument.JSON.readTree(valid.body());
		ObjectNode base = (validTree instanceof ObjectNode object) ? object : OpenApiDocument.JSON.createObjectNode();
		JsonNode properties = schema.path("properties");
		for (String field : properties.propertyNames()) {
			JsonNode fieldSchema = this.document.resolve(properties.get(field));
			for (Map.Entry<String, String> value : fieldValues(fieldSchema).entrySet()) {
				cases.add(valid.withBody(withRaw(base, field, value.getValue()), true)
					.named("body." + field + ": " + value.getKey()));
			}
		}
		JsonNode required = schema.path("required");
		for (JsonNode field : required) {
			ObjectNode without = base.deepCopy();
			without.remove(field.asString());
			cases.add(valid.withBody(OpenApiDocument.JSON.writeValueAsString(without), false)
				.named("body: required " + field.asString() + " missing"));
		}
		cases.add(valid.withBody("{}", false).named("body: {}"));
		cases.add(valid.withBody("{\"" + MARKER + "\": ", true).named("body: truncated JSON"));
		cases.add(valid.withBody("{" + MARKER + "}", true).named("body: malformed JSON"));
		cases.add(valid.withBody("", false).named("body: empty"));
		cases.add(valid.withBody("\"" + MARKER + "\"", true).named("body: a string"));
		cases.add(valid.withBody("[\"" + MARKER + "\"]", true).named("body: an array"));
		cases.add(valid.withBody("null", false).named("body: null"));
		ObjectNode unknown = base.deepCopy();
		unknown.put(MARKER + "<script>\u0000", MARKER);
		cases.add(valid.withBody(OpenApiDocument.JSON.writeValueAsString(unknown), true)
			.named("body: hostile unknown member"));
		cases.add(valid.withBody("[".repeat(5000) + "\"" + MARKER + "\"" + "]".repeat(5000), true)
			.named("body: nested 5000 deep"));
		cases.add(valid.withBody("{\"" + MARKER + "\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}", true)
			.named("body: over 2 MB"));
		cases.add(valid.withRawBody(invalidUtf8()).named("body: invalid UTF-8"));
		cases.add(valid.withBody(valid.body(), false).withContentType("text/plain").named("content type: text/plain"));
		cases.add(valid.withBody("<" + MARKER + "/>", true)
			.withContentType("application/xml")
			.named("content type: application/xml"));
		cases.add(valid.withBody(valid.body(), false).withContentType(null).named("content type: none"));
		cases.add(valid.withBody(valid.body(), false)
			.withContentType("application/json; charset=" + MARKER)
			.named("content type: unknown charset"));
		return cases;
	}

	private Map<String, String> fieldValues(JsonNode schema) {
		Map<String, String> values = new LinkedHashMap<>();
		String type = SampleValues.type(this.document, schema);
		String marker = quote(MARKER);
		switch (type) {
			case "integer", "number" -> {
				values.put("wrong type", marker);
				values.put("-1", "-1");
				values.put("2^31", "2147483648");
				values.put("2^63", "9223372036854775808");
				values.put("1e400", "1e400");
				values.put("fraction", "1.5");
			}
			case "boolean" -> values.put("wrong type", marker);
			case "array" -> {
				values.put("wrong type", marker);
				values.put("5000 items", "[" + String.join(",", java.util.Collections.nCopies(5000, marker)) + "]");
				strings().forEach((name, value) -> values.put("item " + name, "[" + value + "]"));
			}
			case "object" -> {
				values.put("wrong type", marker);
				values.put("hostile member",
						"{" + quote(MARKER + "\u0000<script>") + ":" + quote(STRINGS.get("nul")) + "}");
				values.put("nested 2000 deep", "{\"a\":".repeat(2000) + marker + "}".repeat(2000));
			}
			case "string" -> {
				values.put("wrong type", "[" + marker + "]");
				values.putAll(strings());
			}
			default -> {
				values.putAll(strings());
				values.put("hostile member", "{" + quote(MARKER + "\u0000") + ":" + quote(STRINGS.get("nul")) + "}");
			}
		}
		values.put("null", "null");
		return values;
	}

	private static Map<String, String> strings() {
		Map<String, String> values = new LinkedHashMap<>();
		STRINGS.forEach((name, value) -> values.put(name, quote(value)));
		values.put("lone surrogate", "\"" + MARKER + "\\ud800" + MARKER + "\"");
		values.put("oversize", quote(MARKER + "x".repeat(100_000)));
		return values;
	}

	private List<HostileCase> urlCases(List<ApiOperation> operations) {
		List<HostileCase> cases = new ArrayList<>();
		ApiOperation get = operations.stream()
			.filter((operation) -> operation.method().equals("GET") && operation.secured())
			.findFirst()
			.orElse(operations.isEmpty() ? null : operations.get(0));
		String getPath = (get != null) ? validRequest(get).target() : "/";
		Map<String, String> none = Map.of();
		cases.add(new HostileCase("GET 9 KB path", "GET", "/" + MARKER + "a".repeat(9 * 1024), none, null, true));
		cases.add(new HostileCase("GET 9 KB query", "GET",
				getPath + (getPath.contains("?") ? "&" : "?") + "q=" + MARKER + "a".repeat(9 * 1024), none, null,
				true));
		cases.add(new HostileCase("GET // path", "GET", "/" + getPath, none, null, false));
		cases.add(new HostileCase("GET %00 in path", "GET", "/" + MARKER + "%00", none, null, true));
		cases.add(new HostileCase("GET %2F in path", "GET", "/" + MARKER + "%2Fx", none, null, true));
		cases.add(new HostileCase("GET %2e%2e in path", "GET", "/%2e%2e/" + MARKER, none, null, true));
		cases.add(new HostileCase("GET ..; in path", "GET", "/..;/" + MARKER, none, null, true));
		cases.add(new HostileCase("GET unknown route", "GET", "/" + MARKER + "-unknown", none, null, true));
		cases.add(new HostileCase("POST unknown route", "POST", "/" + MARKER + "-unknown",
				Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8), true));
		cases.add(new HostileCase("GET /error", "GET", "/error", none, null, false));
		cases.add(new HostileCase("POST /error", "POST", "/error", Map.of("Content-Type", "application/json"),
				("{\"" + MARKER + "\":1}").getBytes(StandardCharsets.UTF_8), true));
		cases.add(new HostileCase("GET /error with query", "GET", "/error?" + MARKER + "=1", none, null, true));
		cases.add(new HostileCase("DELETE /error", "DELETE", "/error", none, null, false));
		cases.add(new HostileCase("TRACE /", "TRACE", "/", none, null, false));
		if (get != null) {
			cases.add(new HostileCase("method not allowed", "PUT", getPath, Map.of("Content-Type", "application/json"),
					"{}".getBytes(StandardCharsets.UTF_8), false));
			cases.add(new HostileCase("hostile X-Request-ID", "GET", getPath,
					Map.of("X-Request-ID", "<script>" + MARKER + "</script>"), null, true));
			cases.add(new HostileCase("hostile bearer token", "GET", getPath,
					Map.of("Authorization", "Bearer " + MARKER + ".<script>.x"), null, true));
			cases.add(new HostileCase("hostile API key", "GET", getPath, Map.of("X-API-Key", "sk_" + MARKER + "<x>"),
					null, true));
			cases.add(new HostileCase("Accept: application/xml", "GET", getPath, Map.of("Accept", "application/xml"),
					null, false));
			cases.add(
					new HostileCase(
							"unknown hostile query parameter", "GET", getPath + (getPath.contains("?") ? "&" : "?")
									+ encode(MARKER + "<script>") + "=" + encode(STRINGS.get("nul")),
							none, null, true));
		}
		return cases;
	}

	private static String withRaw(ObjectNode base, String field, String rawJson) {
		ObjectNode copy = base.deepCopy();
		String placeholder = "zq7placeholder-" + UUID.nameUUIDFromBytes(field.getBytes(StandardCharsets.UTF_8));
		copy.put(field, placeholder);
		return OpenApiDocument.JSON.writeValueAsString(copy).replace("\"" + placeholder + "\"", rawJson);
	}

	private static byte[] invalidUtf8() {
		byte[] start = ("{\"" + MARKER + "\":\"" + MARKER).getBytes(StandardCharsets.UTF_8);
		byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[start.length + 3 + end.length];
		System.arraycopy(start, 0, bytes, 0, start.length);
		bytes[start.length] = (byte) 0xC3;
		bytes[start.length + 1] = (byte) 0x28;
		bytes[start.length + 2] = (byte) 0xFF;
		System.arraycopy(end, 0, bytes, start.length + 3, end.length);
		return bytes;
	}

	private static String base64(String value) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	static String quote(String value) {
		return OpenApiDocument.JSON.writeValueAsString(value);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String key(ApiOperation operation) {
		return operation.method() + " " + operation.path();
	}

	private static Map<String, String> hostileStrings() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("nul", MARKER + "\u0000" + MARKER);
		values.put("control", MARKER + "\u0001\u0008\u001b[2J\u007f" + MARKER);
		values.put("bidi", MARKER + "\u202Etxt.exe\u202C" + MARKER);
		values.put("sql", MARKER + "' OR '1'='1'; DROP TABLE users; --");
		values.put("script", "<script>alert('" + MARKER + "')</script>");
		values.put("template", "${7*7}{{7*7}}#{7*7}<%= 7*7 %>" + MARKER);
		values.put("traversal", "../../../../etc/passwd%00" + MARKER);
		values.put("crlf", MARKER + "\r\nSet-Cookie: " + MARKER + "=1");
		return values;
	}

	/** One hostile request. */
	record HostileCase(String name, String method, String target, Map<String, String> headers, byte[] body,
			boolean hostile) {

	}

	/** A request being varied: the valid parts of one operation's request. */
	private record Request(ApiOperation operation, String name, Map<String, String> pathValues,
			Map<String, String> query, String body, String contentType, Map<String, String> headers, boolean hostile) {

		String target() {
			String path = this.operation.path();
			for (Map.Entry<String, String> value : this.pathValues.entrySet()) {
				path = path.replace("{" + value.getKey() + "}", value.getValue());
			}
			if (this.query.isEmpty()) {
				return path;
			}
			StringBuilder target = new StringBuilder(path).append('?');
			this.query.forEach((name, value) -> target.append(encode(name)).append('=').append(value).append('&'));
			return target.substring(0, target.length() - 1);
		}

		Request withPath(Map<String, String> values) {
			return new Request(this.operation, this.name, values, this.query, this.body, this.contentType, this.headers,
					true);
		}

		Request withQuery(Map<String, String> values) {
			return new Request(this.operation, this.name, this.pathValues, values, this.body, this.contentType,
					this.headers, true);
		}

		Request withBody(String json, boolean marked) {
			return new Request(this.operation, this.name, this.pathValues, this.query, json, this.contentType,
					this.headers, marked);
		}

		Request withContentType(String type) {
			return new Request(this.operation, this.name, this.pathValues, this.query, this.body, type, this.headers,
					this.hostile);
		}

		HostileCaseBuilder withRawBody(byte[] bytes) {
			return new HostileCaseBuilder(this, bytes);
		}

		HostileCase named(String caseName) {
			return new HostileCaseBuilder(this, (this.body != null) ? this.body.getBytes(StandardCharsets.UTF_8) : null)
				.named(caseName);
		}

	}

	/** Turns a varied request into a case. */
	private record HostileCaseBuilder(Request request, byte[] bytes) {

		HostileCase named(String caseName) {
			Map<String, String> headers = new HashMap<>(this.request.headers());
			if (this.bytes != null && this.request.contentType() != null) {
				headers.put("Content-Type", this.request.contentType());
			}
			boolean hostile = this.request.hostile() || (this.bytes != null
					&& ResponseRules.containsMarker(new String(this.bytes, StandardCharsets.UTF_8)));
			return new HostileCase(caseName, this.request.operation().method(), this.request.target(), headers,
					this.bytes, hostile);
		}

	}

	/** Configures a harness. */
	public static final class Builder {

		private final URI baseUri;

		private final OpenApiDocument document;

		private Supplier<Map<String, String>> credentials = Map::of;

		private BiFunction<ApiOperation, String, String> pathValues = (operation, name) -> null;

		private final Map<String, String> validBodies = new HashMap<>();

		private Duration bound = Duration.ofSeconds(5);

		private ApiContract contract;

		private final List<String> skipped = new ArrayList<>();

		private Builder(URI baseUri, OpenApiDocument document) {
			this.baseUri = baseUri;
			this.document = document;
		}

		/**
		 * Headers sent with every request, asked for anew each time (so that a request
		 * that revokes its token does not spoil the next).
		 * @param credentials e.g.
		 * {@code () -> Map.of("Authorization", "Bearer " + token())}
		 * @return this builder
		 */
		public Builder credentials(Supplier<Map<String, String>> credentials) {
			this.credentials = credentials;
			return this;
		}

		/**
		 * Valid path parameter values, so that body and query cases reach an existing
		 * resource; {@code null} for a generated value (a random-looking UUID).
		 * @param pathValues value of an operation's parameter
		 * @return this builder
		 */
		public Builder pathValues(BiFunction<ApiOperation, String, String> pathValues) {
			this.pathValues = pathValues;
			return this;
		}

		/**
		 * A valid body of an operation (otherwise one is generated from the schema), so
		 * that each hostile field is the only thing wrong.
		 * @param method the method
		 * @param path the path template
		 * @param json the body
		 * @return this builder
		 */
		public Builder validBody(String method, String path, String json) {
			this.document.operation(method, path);
			this.validBodies.put(method + " " + path, json);
			return this;
		}

		/**
		 * Leave an operation out (say why in the calling test).
		 * @param method the method
		 * @param path the path template
		 * @return this builder
		 */
		public Builder skip(String method, String path) {
			this.document.operation(method, path);
			this.skipped.add(method + " " + path);
			return this;
		}

		/**
		 * The longest a response may take (default 5 s).
		 * @param bound the bound
		 * @return this builder
		 */
		public Builder bound(Duration bound) {
			this.bound = bound;
			return this;
		}

		/**
		 * Also check every response of a documented operation against the document.
		 * @param contract the contract
		 * @return this builder
		 */
		public Builder contract(ApiContract contract) {
			this.contract = contract;
			return this;
		}

		/**
		 * The harness.
		 * @return the harness
		 */
		public HostileInputHarness build() {
			return new HostileInputHarness(this);
		}

	}

}
