package io.temponest.auth.tenancy;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** No active tenant with that id: 404 {@code Tenant not found}. */
public class TenantNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	TenantNotFoundException() {
		super(HttpStatus.NOT_FOUND, "Tenant not found");
	}

}
