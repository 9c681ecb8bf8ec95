package io.temponest.auth.login;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * Unknown email, wrong password or inactive tenant: 401
 * {@code Incorrect email or password}.
 */
public class InvalidCredentialsException extends DomainException {

	private static final long serialVersionUID = 1L;

	InvalidCredentialsException() {
		super(HttpStatus.UNAUTHORIZED, "Incorrect email or password");
	}

}
