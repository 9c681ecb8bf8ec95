package io.temponest.cache.ratelimit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request over its route's limit: 429 with {@code Retry-After} (whole seconds) and the
 * {@code X-RateLimit-*} headers, and a problem whose {@code detail} and {@code error}
 * (the field clients of the original service read) say
 * {@code Rate limit exceeded: 5 per 1 minute}. Thrown before the handler runs, it is
 * rendered by the application's exception handling like every other error.
 */
public final class RateLimitExceededException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	/** Problem property repeating the detail, for clients of the original service. */
	public static final String ERROR = "error";

	RateLimitExceededException(RateLimitDecision decision, HttpHeaders headers) {
		super(HttpStatus.TOO_MANY_REQUESTS, problem(decision), null);
		getHeaders().putAll(headers);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
	}

	private static ProblemDetail problem(RateLimitDecision decision) {
		String message = "Rate limit exceeded: " + decision.route().description();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, message);
		problem.setProperty(ERROR, message);
		return problem;
	}

}
