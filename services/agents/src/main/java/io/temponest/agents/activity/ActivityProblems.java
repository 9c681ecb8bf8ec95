package io.temponest.agents.activity;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The problems of the activity intake and the observability API. */
final class ActivityProblems {

	private ActivityProblems() {
	}

	/** Events relayed with a token that no service exchanged (no {@code act} claim). */
	static final class NotAServiceException extends DomainException {

		private static final long serialVersionUID = 1L;

		NotAServiceException() {
			super(HttpStatus.FORBIDDEN,
					"Only services relay events: the token names no acting service (an exchanged token's act claim)");
		}

	}

	/** A cursor that no page of logs gave. */
	static final class InvalidCursorException extends DomainException {

		private static final long serialVersionUID = 1L;

		InvalidCursorException() {
			super(HttpStatus.BAD_REQUEST, "cursor is not a cursor of this list");
		}

	}

	/** A time range that ends before it starts. */
	static final class InvalidRangeException extends DomainException {

		private static final long serialVersionUID = 1L;

		InvalidRangeException() {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "from must be before to");
		}

	}

}
