package io.temponest.security.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import io.temponest.security.database.FailureLog;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders errors that never reached a controller (the servlet container's error page) as
 * problems, with the status's reason phrase as detail, instead of Boot's
 * {@code timestamp/status/error/path} map.
 */
@RestController
public final class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	private final ProblemResponses problems;

	private final DatabaseOutageAnswer databaseOutage;

	private final FailureLog failures = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	/**
	 * Create the controller.
	 * @param problems completes problem bodies
	 */
	public ProblemErrorController(ProblemResponses problems) {
		this(problems, Duration.ofSeconds(1));
	}

	/**
	 * Create the controller.
	 * @param problems completes problem bodies
	 * @param databaseRetryAfter the {@code Retry-After} of a 503 for an unreachable
	 * database
	 */
	public ProblemErrorController(ProblemResponses problems, Duration databaseRetryAfter) {
		this.problems = problems;
		this.databaseOutage = new DatabaseOutageAnswer(databaseRetryAfter);
	}

	/**
	 * Render the current error.
	 * @param request the error dispatch
	 * @return the problem
	 */
	@RequestMapping("${server.error.path:${error.path:/error}}")
	public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.ERROR
				&& request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			// asked for directly: there is no error to render
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(this.problems.create(HttpStatus.NOT_FOUND, HttpStatus.NOT_FOUND.getReasonPhrase(), request));
		}
		HttpStatus status = status(request);
		Throwable failure = (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown)
				? thrown : null;
		if (status.is5xxServerError() && failure != null && this.databaseOutage.appliesTo(failure)) {
			DatabaseOutageAnswer.Reply reply = this.databaseOutage.answer(failure);
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.headers(reply.headers())
				.body(this.problems.create(HttpStatus.SERVICE_UNAVAILABLE, reply.detail(), request));
		}
		String detail = status.is5xxServerError() ? PlatformExceptionHandler.INTERNAL_ERROR : status.getReasonPhrase();
		if (status.is5xxServerError() && failure != null) {
			this.failures.log(true, "Unexpected error", failure);
		}
		return ResponseEntity.status(status).body(this.problems.create(status, detail, request));
	}

	private static HttpStatus status(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
			HttpStatus status = HttpStatus.resolve(code);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
