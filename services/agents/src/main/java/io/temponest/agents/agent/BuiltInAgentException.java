package io.temponest.agents.agent;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** Built-in roles belong to the platform: they can be listed and run, not changed. */
class BuiltInAgentException extends DomainException {

	private static final long serialVersionUID = 1L;

	BuiltInAgentException() {
		super(HttpStatus.FORBIDDEN, "Built-in agents cannot be changed or deleted");
	}

}
