package io.temponest.auth.user;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A validly signed credential names a user that does not exist (any more): 401
 * {@code Invalid authentication credentials}.
 */
public class UnknownUserException extends DomainException {

	private static final long serialVersionUID = 1L;

	public UnknownUserException() {
		super(HttpStatus.UNAUTHORIZED, "Invalid authentication credentials");
	}

}
