package io.temponest.agents.knowledge;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * The ingestion service refused a request (4xx): its status, content type and body, to be
 * relayed to the caller unchanged.
 */
final class KnowledgeRejectedException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable String contentType;

	private final @Nullable String retryAfter;

	private final byte[] body;

	KnowledgeRejectedException(int status, @Nullable String contentType, @Nullable String retryAfter, byte[] body) {
		super("The knowledge base answered " + status, null, false, false);
		this.status = status;
		this.contentType = contentType;
		this.retryAfter = retryAfter;
		this.body = body;
	}

	int status() {
		return this.status;
	}

	@Nullable String contentType() {
		return this.contentType;
	}

	@Nullable String retryAfter() {
		return this.retryAfter;
	}

	byte[] body() {
		return this.body;
	}

}
