package io.temponest.auth.web;

import io.temponest.auth.audit.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;

/** Builds the audit {@link ClientInfo} of an HTTP request. */
public final class ClientInfos {

	private ClientInfos() {
	}

	/**
	 * The client of a request: its remote address (already resolved from forwarding
	 * headers when {@code server.forward-headers-strategy} is set) and user agent.
	 * @param request the request
	 * @return the client information
	 */
	public static ClientInfo of(HttpServletRequest request) {
		return new ClientInfo(request.getRemoteAddr(), request.getHeader("User-Agent"));
	}

}
