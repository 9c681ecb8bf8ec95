package io.temponest.auth.tenancy;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** No such user in that tenant: 404 {@code User not found}. */
public class MemberNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	MemberNotFoundException() {
		super(HttpStatus.NOT_FOUND, "User not found");
	}

}
