package io.temponest.scheduler.schedule;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/** No schedule with that id in the caller's tenant (another tenant's looks the same). */
public class ScheduleNotFoundException extends DomainException {

	private static final long serialVersionUID = 1L;

	public ScheduleNotFoundException() {
		this("Scheduled task not found");
	}

	public ScheduleNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, detail);
	}

}
