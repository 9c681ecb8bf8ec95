package io.temponest.ingestion.collection;

import java.util.UUID;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * No collection with that id in the caller's tenant (another tenant's looks the same).
 */
public class CollectionNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	public CollectionNotFoundException(UUID id) {
		super(HttpStatus.NOT_FOUND, "Collection " + id + " not found");
	}

}
