package io.temponest.auth.apikey;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** A key request the service refuses (expiry not positive, too many scopes): 422. */
public class InvalidApiKeyRequestException extends DomainException {

	private static final long serialVersionUID = 1L;

	InvalidApiKeyRequestException(String detail) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
	}

}
