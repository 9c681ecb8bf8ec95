package io.temponest.agents.cost;

import java.util.List;

import io.temponest.security.web.DomainException;
import io.temponest.security.web.PlatformExceptionHandler;
import io.temponest.security.web.ValidationError;

import org.springframework.http.HttpStatus;

/**
 * Parameters of a cost report that are valid one by one but not together: 422 like every
 * other invalid input, with the offending field.
 */
class InvalidCostQueryException extends DomainException {

	private static final long serialVersionUID = 1L;

	InvalidCostQueryException(String field, String message) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, PlatformExceptionHandler.VALIDATION_FAILED);
		getBody().setProperty(PlatformExceptionHandler.ERRORS, List.of(new ValidationError(field, message)));
	}

}
