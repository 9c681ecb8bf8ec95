package io.temponest.agents.run;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** The task has more tokens than the role or agent accepts. */
public class TaskTooLongException extends DomainException {

	private static final long serialVersionUID = 1L;

	TaskTooLongException(int budget) {
		super(HttpStatus.BAD_REQUEST, "Task exceeds token budget of " + budget);
	}

}
