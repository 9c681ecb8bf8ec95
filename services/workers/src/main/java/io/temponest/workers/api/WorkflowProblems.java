package io.temponest.workers.api;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The API's problems, as {@code application/problem+json} answers. */
final class WorkflowProblems {

	private WorkflowProblems() {
	}

	static DomainException notFound() {
		return new Problem(HttpStatus.NOT_FOUND, "Workflow not found");
	}

	static DomainException userRequired() {
		return new Problem(HttpStatus.FORBIDDEN, "Pipelines act for a user: use a user's token or a user's API key");
	}

	static DomainException notYours() {
		return new Problem(HttpStatus.FORBIDDEN,
				"Only the user who started a pipeline, or a holder of workflows:delete, may cancel it");
	}

	static DomainException alreadyFinished() {
		return new Problem(HttpStatus.CONFLICT, "The workflow has already finished");
	}

	static DomainException temporalUnavailable() {
		return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "The workflow service is unavailable; retry later");
	}

	static DomainException badCursor() {
		return new Problem(HttpStatus.BAD_REQUEST, "cursor is not a cursor this API returned");
	}

	/** A problem of this API. */
	static final class Problem extends DomainException {

		private static final long serialVersionUID = 1L;

		Problem(HttpStatus status, String detail) {
			super(status, detail);
		}

	}

}
