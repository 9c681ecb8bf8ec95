package io.temponest.auth.apikey;

import java.util.List;

import io.temponest.security.web.DomainException;
import io.temponest.security.web.PlatformExceptionHandler;
import io.temponest.security.web.ValidationError;

import org.springframework.http.HttpStatus;

/**
 * A key request the service refuses (expiry out of range, too many, missing or unknown
 * scopes): 422, never echoing the rejected value.
 */
public class InvalidApiKeyRequestException extends DomainException {

	private static final long serialVersionUID = 1L;

	InvalidApiKeyRequestException(String detail) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
	}

	/**
	 * A field-level failure, rendered like Bean Validation's: {@code errors[{field,
	 * message}]}.
	 * @param field the JSON field
	 * @param message what is wrong with it
	 */
	InvalidApiKeyRequestException(String field, String message) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, PlatformExceptionHandler.VALIDATION_FAILED);
		getBody().setProperty(PlatformExceptionHandler.ERRORS, List.of(new ValidationError(field, message)));
	}

}
