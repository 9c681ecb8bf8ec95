package io.temponest.agents.agent;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** An agent names a provider the platform does not speak. */
class UnknownProviderException extends DomainException {

	private static final long serialVersionUID = 1L;

	UnknownProviderException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "provider must be one of ollama, openai, anthropic");
	}

}
