package io.temponest.agents.run;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * Another instance is still running the first request with this idempotency key and did
 * not finish while this one waited.
 */
public class IdempotentRequestPendingException extends DomainException {

	private static final long serialVersionUID = 1L;

	IdempotentRequestPendingException() {
		super(HttpStatus.CONFLICT, "A request with this idempotency key is still running; retry later");
	}

}
