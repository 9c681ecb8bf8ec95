package io.temponest.auth.user;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** A role name that does not exist, or no role at all: 422. */
public class UnknownRoleException extends DomainException {

	private static final long serialVersionUID = 1L;

	UnknownRoleException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "Roles must be a non-empty subset of " + Roles.ALL);
	}

}
