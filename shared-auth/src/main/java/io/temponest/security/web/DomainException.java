package io.temponest.security.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A rule of a service's domain was broken; carries the HTTP status and the {@code detail}
 * that clients of the original read, so the web layer renders it as a problem body
 * without further mapping.
 */
public abstract class DomainException extends ErrorResponseException {

	private static final long serialVersionUID = 1L;

	protected DomainException(HttpStatusCode status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
