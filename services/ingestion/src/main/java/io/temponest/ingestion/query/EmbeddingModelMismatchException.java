package io.temponest.ingestion.query;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** A query names another embedding model than the collection's. */
class EmbeddingModelMismatchException extends DomainException {

	private static final long serialVersionUID = 1L;

	EmbeddingModelMismatchException(String embedder, int dimension) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "the collection is embedded with " + embedder + " (" + dimension
				+ " dimensions); it cannot be queried with another embedding model");
	}

}
