package io.temponest.auth.tenancy;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The change would leave a tenant without an active admin: 409. */
public class MembershipConflictException extends DomainException {

	private static final long serialVersionUID = 1L;

	MembershipConflictException() {
		super(HttpStatus.CONFLICT, "A tenant must keep at least one active admin");
	}

}
