package io.temponest.agents.project;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The problems of the projects and runs API. */
final class ProjectProblems {

	private ProjectProblems() {
	}

	/**
	 * No project with that slug in the caller's tenant (another tenant's looks the same).
	 */
	static final class ProjectNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		ProjectNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Project not found");
		}

	}

	/** No run with that id in the project. */
	static final class RunNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		RunNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Run not found");
		}

	}

	/** The tenant has a project of that slug already. */
	static final class SlugTakenException extends DomainException {

		private static final long serialVersionUID = 1L;

		SlugTakenException() {
			super(HttpStatus.CONFLICT, "A project with this slug exists already");
		}

	}

	/**
	 * A slug that cannot name a project (none could be made of the name, or reserved).
	 */
	static final class InvalidSlugException extends DomainException {

		private static final long serialVersionUID = 1L;

		InvalidSlugException(String detail) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		}

	}

	/** A cursor that no page of runs gave. */
	static final class InvalidCursorException extends DomainException {

		private static final long serialVersionUID = 1L;

		InvalidCursorException() {
			super(HttpStatus.BAD_REQUEST, "cursor is not a cursor of this list");
		}

	}

	/** Both paging styles at once. */
	static final class MixedPagingException extends DomainException {

		private static final long serialVersionUID = 1L;

		MixedPagingException() {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "cursor and page cannot be given together");
		}

	}

	/** A finished run's status cannot change. */
	static final class RunFinishedException extends DomainException {

		private static final long serialVersionUID = 1L;

		RunFinishedException(String status) {
			super(HttpStatus.CONFLICT, "The run has finished (" + status + "); its status cannot change");
		}

	}

}
