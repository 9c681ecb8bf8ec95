package io.temponest.auth.apikey;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** No key with that id in the caller's tenant: 404 {@code API key not found}. */
public class ApiKeyNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	ApiKeyNotFoundException() {
		super(HttpStatus.NOT_FOUND, "API key not found");
	}

}
