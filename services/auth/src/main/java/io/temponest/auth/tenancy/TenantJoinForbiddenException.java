package io.temponest.auth.tenancy;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * Joining an existing tenant without a valid invitation of that tenant (the original let
 * anyone who knew a tenant id join it): 403.
 */
public class TenantJoinForbiddenException extends DomainException {

	private static final long serialVersionUID = 1L;

	TenantJoinForbiddenException(String detail) {
		super(HttpStatus.FORBIDDEN, detail);
	}

	static TenantJoinForbiddenException invitationRequired() {
		return new TenantJoinForbiddenException("Joining an existing tenant requires an invitation");
	}

	static TenantJoinForbiddenException invalidInvitation() {
		return new TenantJoinForbiddenException("Invalid or expired invitation");
	}

}
