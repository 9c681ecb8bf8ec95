package io.temponest.testsupport.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The rules every response must keep, hostile request or not: no 5xx, every error
 * ({@code 4xx}) an RFC 9457 problem ({@code application/problem+json} with a numeric
 * {@code status} equal to the response's and a {@code detail}), no echo of the marker in
 * an error's body or in any response header, an answer within the bound, and (for a
 * documented operation) the contract.
 * <p>
 * Echo rule: only error responses and headers are searched for the marker. A 2xx may
 * legitimately return what was stored (a schedule named with a bidi character is still a
 * schedule), so its body is instead held to the document's schema by the contract.
 */
final class ResponseRules {

	private ResponseRules() {
	}

	/**
	 * Check an exchange.
	 * @param exchange the exchange
	 * @param bound the longest acceptable time
	 * @param contract the contract, or {@code null}
	 * @return the symptoms, each a short normalised description (equal symptoms of
	 * different cases are the same string)
	 */
	static List<String> check(Exchange exchange, Duration bound, ApiContract contract) {
		List<String> symptoms = new ArrayList<>();
		if (exchange.status() < 0) {
			symptoms.add("no answer: " + exchange.error());
			return symptoms;
		}
		int status = exchange.status();
		String contentType = exchange.contentType();
		String mediaType = (contentType != null) ? contentType.split(";")[0].trim().toLowerCase(Locale.ROOT) : "none";
		if (status >= 500) {
			symptoms.add("5xx: " + status + " " + mediaType + " " + snippet(exchange.body()));
		}
		else if (status >= 400) {
			String problem = problemViolation(status, mediaType, exchange.body());
			if (problem != null) {
				symptoms.add("non-problem error body: " + status + " " + problem);
			}
		}
		if (exchange.hostile()) {
			if (status >= 400) {
				String where = echo(exchange.body());
				if (where != null) {
					symptoms.add("echo: " + status + " body " + where);
				}
			}
			if (exchange.headers() != null) {
				for (Map.Entry<String, List<String>> header : exchange.headers().map().entrySet()) {
					if (header.getValue().stream().anyMatch(ResponseRules::containsMarker)) {
						symptoms.add("echo: " + status + " header " + header.getKey());
					}
				}
			}
		}
		if (exchange.elapsed().compareTo(bound) > 0) {
			symptoms.add("slow: over " + bound.toMillis() + " ms");
		}
		if (contract != null && exchange.operation() != null) {
			for (String violation : contract.check(exchange.operation(), status, contentType, exchange.body())) {
				symptoms.add("contract: " + violation);
			}
		}
		return symptoms;
	}

	private static String problemViolation(int status, String mediaType, String body) {
		if (!"application/problem+json".equals(mediaType)) {
			return mediaType + " " + snippet(body);
		}
		JsonNode problem;
		try {
			problem = OpenApiDocument.JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return "unparsable problem " + snippet(body);
		}
		if (problem == null || !problem.isObject()) {
			return "problem is not an object";
		}
		if (!problem.path("status").isNumber() || problem.path("status").asInt() != status) {
			return "problem status missing or not " + status;
		}
		if (!problem.path("detail").isString() || problem.path("detail").asString().isBlank()) {
			return "problem without detail";
		}
		return null;
	}

	static boolean containsMarker(String text) {
		return text != null && text.toLowerCase(Locale.ROOT).contains(HostileInputHarness.MARKER);
	}

	/**
	 * Where the marker appears in a body: the JSON path of the first string holding it,
	 * or the body's kind.
	 */
	private static String echo(String body) {
		if (!containsMarker(body)) {
			return null;
		}
		try {
			JsonNode tree = OpenApiDocument.JSON.readTree(body);
			String path = find(tree, "$");
			return (path != null) ? "at " + path : "(JSON)";
		}
		catch (JacksonException ex) {
			return "(not JSON)";
		}
	}

	private static String find(JsonNode node, String path) {
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return containsMarker(node.asString()) ? path : null;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String found = find(node.get(i), path + "[" + i + "]");
				if (found != null) {
					return path + "[]" + found.substring((path + "[" + i + "]").length());
				}
			}
		}
		if (node.isObject()) {
			for (String name : node.propertyNames()) {
				if (containsMarker(name)) {
					return path + " (a member name)";
				}
				String found = find(node.get(name), path + "." + name);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * The start of a body, with request ids blanked so that equal answers compare equal.
	 */
	static String snippet(String body) {
		if (body == null || body.isEmpty()) {
			return "(empty)";
		}
		String flat = body.replaceAll("\"request_id\"\\s*:\\s*\"[^\"]*\"", "\"request_id\":\"…\"")
			.replaceAll("\\s+", " ");
		return (flat.length() > 160) ? flat.substring(0, 160) + "…" : flat;
	}

}
