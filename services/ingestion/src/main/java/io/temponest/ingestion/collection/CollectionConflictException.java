package io.temponest.ingestion.collection;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The tenant already has a collection of that name. */
class CollectionConflictException extends DomainException {

	private static final long serialVersionUID = 1L;

	CollectionConflictException() {
		super(HttpStatus.CONFLICT, "The tenant already has a collection of that name");
	}

}
