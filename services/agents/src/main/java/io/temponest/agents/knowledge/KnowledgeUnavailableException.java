package io.temponest.agents.knowledge;

import java.net.URI;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * The ingestion service could not be reached, failed, or did not answer in time: 503 (504
 * for a timeout) with the problem type {@value #TYPE}.
 */
public class KnowledgeUnavailableException extends DomainException {

	/** The problem type. */
	public static final String TYPE = "https://temponest.io/problems/knowledge-unavailable";

	private static final long serialVersionUID = 1L;

	private KnowledgeUnavailableException(HttpStatus status, String detail) {
		super(status, detail);
		getBody().setType(URI.create(TYPE));
		getBody().setTitle("Knowledge base unavailable");
	}

	static KnowledgeUnavailableException unreachable() {
		return new KnowledgeUnavailableException(HttpStatus.SERVICE_UNAVAILABLE,
				"The knowledge base is unavailable; retry shortly");
	}

	static KnowledgeUnavailableException timedOut() {
		return new KnowledgeUnavailableException(HttpStatus.GATEWAY_TIMEOUT,
				"The knowledge base did not answer in time");
	}

}
