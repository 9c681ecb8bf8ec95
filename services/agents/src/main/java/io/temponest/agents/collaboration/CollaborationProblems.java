package io.temponest.agents.collaboration;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The problems of the collaboration API. */
final class CollaborationProblems {

	private CollaborationProblems() {
	}

	/**
	 * No session with that id in the caller's tenant (another tenant's looks the same).
	 */
	static final class SessionNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		SessionNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Collaboration session not found");
		}

	}

	/** No template with that id. */
	static final class TemplateNotFoundException extends DomainException {

		private static final long serialVersionUID = 1L;

		TemplateNotFoundException() {
			super(HttpStatus.NOT_FOUND, "Collaboration template not found");
		}

	}

	/**
	 * A request that names an unknown pattern or agent, or misses what its pattern needs.
	 */
	static final class InvalidCollaborationException extends DomainException {

		private static final long serialVersionUID = 1L;

		InvalidCollaborationException(String detail) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		}

	}

	/** Every worker busy and the queue full. */
	static final class CollaborationBusyException extends DomainException {

		private static final long serialVersionUID = 1L;

		CollaborationBusyException() {
			super(HttpStatus.SERVICE_UNAVAILABLE, "Too many collaboration sessions are running; try again later");
		}

	}

}
