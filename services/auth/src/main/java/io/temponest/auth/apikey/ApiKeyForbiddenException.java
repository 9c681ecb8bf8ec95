package io.temponest.auth.apikey;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * Revoking another tenant's key (even as a superuser): 403
 * {@code Cannot revoke API key from another tenant}.
 */
public class ApiKeyForbiddenException extends DomainException {

	private static final long serialVersionUID = 1L;

	ApiKeyForbiddenException() {
		super(HttpStatus.FORBIDDEN, "Cannot revoke API key from another tenant");
	}

}
