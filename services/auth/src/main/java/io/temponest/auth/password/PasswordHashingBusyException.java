package io.temponest.auth.password;

import java.time.Duration;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Every password-hashing slot stayed busy for too long: 503 with {@code Retry-After}. */
public class PasswordHashingBusyException extends DomainException {

	private static final long serialVersionUID = 1L;

	PasswordHashingBusyException(Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "Too many sign-in attempts in progress, retry shortly");
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
	}

}
