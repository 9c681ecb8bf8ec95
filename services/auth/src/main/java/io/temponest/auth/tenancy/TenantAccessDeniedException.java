package io.temponest.auth.tenancy;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The caller may not do this in that tenant (not its admin, or another tenant): 403. */
public class TenantAccessDeniedException extends DomainException {

	private static final long serialVersionUID = 1L;

	TenantAccessDeniedException() {
		super(HttpStatus.FORBIDDEN, "Not allowed to manage this tenant");
	}

}
