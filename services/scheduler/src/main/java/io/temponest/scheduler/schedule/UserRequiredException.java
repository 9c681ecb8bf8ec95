package io.temponest.scheduler.schedule;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A service API key (bound to no user) tried to create or trigger a schedule: agent runs
 * always happen on behalf of a user.
 */
public class UserRequiredException extends DomainException {

	private static final long serialVersionUID = 1L;

	public UserRequiredException() {
		super(HttpStatus.FORBIDDEN, "Schedules run on behalf of a user: use a user's token or a user's API key");
	}

}
