package io.temponest.ingestion.query;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * The collection's embedding model cannot embed the query now: not configured, or
 * failing.
 */
class KnowledgeUnavailableException extends DomainException {

	private static final long serialVersionUID = 1L;

	KnowledgeUnavailableException(String detail) {
		super(HttpStatus.SERVICE_UNAVAILABLE, detail);
	}

}
