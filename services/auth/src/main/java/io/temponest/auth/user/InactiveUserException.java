package io.temponest.auth.user;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The user exists but is deactivated: 403 {@code User account is inactive}. */
public class InactiveUserException extends DomainException {

	private static final long serialVersionUID = 1L;

	public InactiveUserException() {
		super(HttpStatus.FORBIDDEN, "User account is inactive");
	}

}
