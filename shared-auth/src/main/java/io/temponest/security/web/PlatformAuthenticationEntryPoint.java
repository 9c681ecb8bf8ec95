package io.temponest.security.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers unauthenticated requests with 401, {@code WWW-Authenticate: Bearer} and the
 * original's details: "Missing authentication credentials" when none were sent, "Invalid
 * authentication credentials" when they did not verify. When the credentials could not be
 * checked at all (key service down) the answer is 503.
 */
public final class PlatformAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/** Detail of a request without credentials. */
	public static final String MISSING = "Missing authentication credentials";

	/** Detail of a request whose credentials did not verify. */
	public static final String INVALID = "Invalid authentication credentials";

	/** Detail of a request whose credentials could not be checked. */
	public static final String UNAVAILABLE = "Authentication service unavailable";

	private final ProblemResponses problems;

	/**
	 * Create the entry point.
	 * @param problems writes the answer
	 */
	public PlatformAuthenticationEntryPoint(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof AuthenticationServiceException) {
			this.problems.write(response, this.problems.create(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, request));
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		String detail = isMissing(authException) ? MISSING : INVALID;
		this.problems.write(response, this.problems.create(HttpStatus.UNAUTHORIZED, detail, request));
	}

	private static boolean isMissing(AuthenticationException exception) {
		return exception instanceof InsufficientAuthenticationException
				|| exception instanceof AuthenticationCredentialsNotFoundException
				|| (exception instanceof OAuth2AuthenticationException oauth2
						&& OAuth2ErrorCodes.INVALID_REQUEST.equals(oauth2.getError().getErrorCode()));
	}

}
