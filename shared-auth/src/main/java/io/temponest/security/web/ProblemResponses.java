package io.temponest.security.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Builds the platform's RFC 9457 problem bodies (always with {@code detail}, plus
 * {@code service} and {@code request_id}) and writes them from filters and security
 * handlers that answer outside Spring MVC.
 */
public final class ProblemResponses {

	/** Property naming the service that answered. */
	public static final String SERVICE = "service";

	/** Property holding the request id. */
	public static final String REQUEST_ID = "request_id";

	/** Prefix of {@code instance}: the occurrence is named by its request id. */
	public static final String INSTANCE_PREFIX = "urn:request:";

	private final String service;

	private final JsonMapper mapper;

	/**
	 * Create the factory.
	 * @param service name of this service ({@code spring.application.name})
	 * @param mapper serializes bodies written outside Spring MVC
	 */
	public ProblemResponses(String service, JsonMapper mapper) {
		this.service = service;
		this.mapper = mapper;
	}

	/**
	 * Create a problem for a request.
	 * @param status the status
	 * @param detail the detail; never an exception message or a submitted value
	 * @param request the request
	 * @return the problem
	 */
	public ProblemDetail create(HttpStatusCode status, String detail, HttpServletRequest request) {
		return enrich(ProblemDetail.forStatusAndDetail(status, detail), request);
	}

	/**
	 * Complete a problem: a missing detail becomes the status's reason phrase,
	 * {@code service} and {@code request_id} are added, and {@code instance} names the
	 * request id (never the request path, which is client input).
	 * @param problem the problem
	 * @param request the request, or {@code null} outside a request
	 * @return the same problem
	 */
	public ProblemDetail enrich(ProblemDetail problem, HttpServletRequest request) {
		if (problem.getDetail() == null || problem.getDetail().isBlank()) {
			HttpStatus status = HttpStatus.resolve(problem.getStatus());
			problem.setDetail((status != null) ? status.getReasonPhrase() : "Error");
		}
		problem.setProperty(SERVICE, this.service);
		String requestId = (request != null) ? RequestIdFilter.requestId(request) : null;
		if (requestId != null) {
			problem.setProperty(REQUEST_ID, requestId);
			// the occurrence is named by its request id: Spring MVC would put the
			// request path here, which echoes whatever the client sent
			problem.setInstance(URI.create(INSTANCE_PREFIX + requestId));
		}
		return problem;
	}

	/**
	 * Write a problem as the response body ({@code application/problem+json}).
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException if writing fails
	 */
	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.mapper.writeValue(response.getOutputStream(), toMap(problem));
	}

	/**
	 * Serialize a problem as JSON.
	 * @param problem the problem
	 * @return the JSON text
	 */
	public String toJson(ProblemDetail problem) {
		return this.mapper.writeValueAsString(toMap(problem));
	}

	private static Map<String, Object> toMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (problem.getType() != null) {
			body.put("type", problem.getType().toString());
		}
		if (problem.getTitle() != null) {
			body.put("title", problem.getTitle());
		}
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
