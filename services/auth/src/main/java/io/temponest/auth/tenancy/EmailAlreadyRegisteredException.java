package io.temponest.auth.tenancy;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * The email belongs to an account already (in any case): 409
 * {@code Email already registered}.
 */
public class EmailAlreadyRegisteredException extends DomainException {

	private static final long serialVersionUID = 1L;

	EmailAlreadyRegisteredException() {
		super(HttpStatus.CONFLICT, "Email already registered");
	}

}
