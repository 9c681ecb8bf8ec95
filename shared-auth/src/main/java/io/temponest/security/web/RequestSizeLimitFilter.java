package io.temponest.security.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: a declared {@code Content-Length} above the maximum is answered
 * with 413 at once, and a body without a length (chunked) fails with 413 as soon as
 * reading passes the maximum.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final ProblemResponses problems;

	/**
	 * Create the filter.
	 * @param maxBytes the largest accepted body
	 * @param problems writes the 413 answer
	 */
	public RequestSizeLimitFilter(long maxBytes, ProblemResponses problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.maxBytes) {
			reject(request, response);
			return;
		}
		HttpServletRequest limited = (length < 0) ? new SizeLimitedRequest(request, this.maxBytes) : request;
		try {
			chain.doFilter(limited, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!RequestBodyTooLargeException.isCauseOf(ex) || response.isCommitted()) {
				throw ex;
			}
			response.resetBuffer();
			reject(request, response);
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(response, this.problems.create(HttpStatus.CONTENT_TOO_LARGE,
				"Request body exceeds the maximum size of " + this.maxBytes + " bytes", request));
	}

}
