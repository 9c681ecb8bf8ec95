package io.temponest.scheduler.schedule;

import java.util.List;

import io.temponest.security.web.DomainException;
import io.temponest.security.web.PlatformExceptionHandler;
import io.temponest.security.web.ValidationError;

import org.springframework.http.HttpStatus;

/**
 * Fields of a schedule body that Bean Validation cannot judge alone (unknown or
 * unchangeable PATCH fields, conflicting aliases): 422 with the same {@code errors} list
 * as every other validation failure.
 */
public final class InvalidScheduleFieldsException extends DomainException {

	private static final long serialVersionUID = 1L;

	public InvalidScheduleFieldsException(List<ValidationError> errors) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, PlatformExceptionHandler.VALIDATION_FAILED);
		getBody().setProperty(PlatformExceptionHandler.ERRORS, errors);
	}

	public InvalidScheduleFieldsException(String field, String message) {
		this(List.of(new ValidationError(field, message)));
	}

}
