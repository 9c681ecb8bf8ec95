package io.temponest.security.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: a well-formed incoming {@code X-Request-ID} is kept,
 * anything else is replaced by a random UUID. The id is returned on the response, put in
 * the logging MDC as {@code request_id}, and forwarded on outgoing calls.
 */
public final class RequestIdFilter extends OncePerRequestFilter {

	/** Header carrying the request id. */
	public static final String HEADER = "X-Request-ID";

	/** MDC key of the request id. */
	public static final String MDC_KEY = "request_id";

	/** Request attribute holding the request id. */
	public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".REQUEST_ID";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = (request.getAttribute(ATTRIBUTE) instanceof String existing) ? existing
				: accept(request.getHeader(HEADER));
		request.setAttribute(ATTRIBUTE, requestId);
		response.setHeader(HEADER, requestId);
		String previous = MDC.get(MDC_KEY);
		MDC.put(MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (previous != null) {
				MDC.put(MDC_KEY, previous);
			}
			else {
				MDC.remove(MDC_KEY);
			}
		}
	}

	/**
	 * The id of a request, if {@link RequestIdFilter} has seen it.
	 * @param request the request
	 * @return the id, or {@code null}
	 */
	public static String requestId(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : MDC.get(MDC_KEY);
	}

	static String accept(String incoming) {
		return (incoming != null && WELL_FORMED.matcher(incoming).matches()) ? incoming : UUID.randomUUID().toString();
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
