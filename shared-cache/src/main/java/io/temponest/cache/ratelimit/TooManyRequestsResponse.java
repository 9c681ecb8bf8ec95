package io.temponest.cache.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the 429 answer: an RFC 9457 problem whose {@code detail} and {@code error} (the
 * field clients of the original service read) say {@code Rate limit exceeded: 5 per 1
 * minute}, with {@code Retry-After} in whole seconds.
 */
final class TooManyRequestsResponse {

	private TooManyRequestsResponse() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, RateLimitDecision decision)
			throws IOException {
		String message = "Rate limit exceeded: " + decision.route().description();
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
		problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
		problem.put("detail", message);
		problem.put("instance", request.getRequestURI());
		problem.put("error", message);
		byte[] body = JsonMapper.shared().writeValueAsBytes(problem);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
