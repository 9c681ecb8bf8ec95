package io.temponest.security.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers authenticated but unauthorized requests with a 403 problem. */
public final class PlatformAccessDeniedHandler implements AccessDeniedHandler {

	private final ProblemResponses problems;

	/**
	 * Create the handler.
	 * @param problems writes the answer
	 */
	public PlatformAccessDeniedHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.problems.write(response,
				this.problems.create(HttpStatus.FORBIDDEN, PermissionDenials.detail(accessDeniedException), request));
	}

}
