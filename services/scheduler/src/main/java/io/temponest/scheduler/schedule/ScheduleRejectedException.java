package io.temponest.scheduler.schedule;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A schedule's timing is missing or invalid for its type (the original's 400 messages,
 * such as {@code cron_expression required for cron schedule type}).
 */
public class ScheduleRejectedException extends DomainException {

	private static final long serialVersionUID = 1L;

	public ScheduleRejectedException(String detail) {
		super(HttpStatus.BAD_REQUEST, detail);
	}

}
