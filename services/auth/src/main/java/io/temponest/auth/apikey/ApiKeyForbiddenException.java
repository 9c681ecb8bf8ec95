package io.temponest.auth.apikey;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A key asked for scopes its creator does not hold: 403
 * {@code Requested scopes exceed the caller's permissions}.
 */
public class ApiKeyForbiddenException extends DomainException {

	private static final long serialVersionUID = 1L;

	ApiKeyForbiddenException() {
		super(HttpStatus.FORBIDDEN, "Requested scopes exceed the caller's permissions");
	}

}
