package io.temponest.ingestion.embedding;

import org.jspecify.annotations.Nullable;

/**
 * An embedding model could not embed: unreachable, failing or answering nonsense; worth a
 * retry.
 */
public class EmbeddingFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	EmbeddingFailedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
