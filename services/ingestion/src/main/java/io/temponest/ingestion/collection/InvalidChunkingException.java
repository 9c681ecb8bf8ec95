package io.temponest.ingestion.collection;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The chunk overlap is not smaller than the chunk size. */
class InvalidChunkingException extends DomainException {

	private static final long serialVersionUID = 1L;

	InvalidChunkingException(int size, int overlap) {
		super(HttpStatus.UNPROCESSABLE_CONTENT,
				"chunk_overlap (" + overlap + ") must be smaller than chunk_size (" + size + ")");
	}

}
