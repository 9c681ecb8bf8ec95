package io.temponest.auth.login;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A refresh token that is malformed, badly signed, expired, not a refresh token, unknown,
 * already used or revoked: 401 {@code Invalid refresh token}.
 */
public class InvalidRefreshTokenException extends DomainException {

	private static final long serialVersionUID = 1L;

	InvalidRefreshTokenException() {
		super(HttpStatus.UNAUTHORIZED, "Invalid refresh token");
	}

}
