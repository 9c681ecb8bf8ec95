package io.temponest.security.web;

import java.time.Clock;
import java.time.Duration;

import io.temponest.security.database.DatabaseUnavailable;
import io.temponest.security.database.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;

/**
 * How a request that failed because the database could not be had is answered, the same
 * from Spring MVC and from the container's error page: 503 with {@code Retry-After}, and
 * {@value PlatformExceptionHandler#DATABASE_UNAVAILABLE} when the database is unreachable
 * or {@value PlatformExceptionHandler#SERVICE_BUSY} when every pooled connection stayed
 * in use for the pool's whole timeout. One log line per failure.
 */
final class DatabaseOutageAnswer {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageAnswer.class);

	private final FailureLog outages = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	private final FailureLog busyPools = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	private final String retryAfterSeconds;

	DatabaseOutageAnswer(Duration retryAfter) {
		this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
	}

	/**
	 * Whether a failure is the database being unreachable.
	 * @param failure the failure
	 * @return whether this answer applies
	 */
	boolean appliesTo(Throwable failure) {
		return DatabaseUnavailable.isCauseOf(failure);
	}

	/**
	 * Log the failure and give the detail and headers of its 503.
	 * @param failure a failure this answer applies to
	 * @return why the request could not be served, and {@code Retry-After}
	 */
	Reply answer(Throwable failure) {
		boolean busy = DatabaseUnavailable.isBusyPool(failure);
		if (busy) {
			this.busyPools.log(false, "Every database connection in use for the pool's whole timeout, answered 503",
					failure);
		}
		else {
			this.outages.log(false, "Database unavailable, answered 503", failure);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds);
		return new Reply(busy ? PlatformExceptionHandler.SERVICE_BUSY : PlatformExceptionHandler.DATABASE_UNAVAILABLE,
				headers);
	}

	/**
	 * The 503's detail and headers.
	 *
	 * @param detail why the request could not be served
	 * @param headers the headers, {@code Retry-After} among them
	 */
	record Reply(String detail, HttpHeaders headers) {

	}

}
