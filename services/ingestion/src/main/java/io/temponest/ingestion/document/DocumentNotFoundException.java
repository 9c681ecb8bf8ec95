package io.temponest.ingestion.document;

import java.util.UUID;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** No document with that id in the caller's tenant (another tenant's looks the same). */
class DocumentNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	DocumentNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, "Document " + id + " not found");
	}

}
