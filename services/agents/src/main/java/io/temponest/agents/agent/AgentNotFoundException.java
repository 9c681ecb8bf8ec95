package io.temponest.agents.agent;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** No agent with that id for the caller's tenant (another tenant's looks the same). */
class AgentNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	AgentNotFoundException() {
		super(HttpStatus.NOT_FOUND, "Agent not found");
	}

}
