package io.temponest.agents.knowledge;

import io.temponest.security.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The caller's credential ({@code Authorization} and/or {@code X-API-Key}) and request
 * id, taken on the request thread so that calls to the ingestion service can be made for
 * the caller from any thread. Never printed.
 */
public final class ForwardedCredentials {

	/** Header of API keys. */
	static final String API_KEY = "X-API-Key";

	private final @Nullable String authorization;

	private final @Nullable String apiKey;

	private final @Nullable String requestId;

	ForwardedCredentials(@Nullable String authorization, @Nullable String apiKey, @Nullable String requestId) {
		this.authorization = authorization;
		this.apiKey = apiKey;
		this.requestId = requestId;
	}

	/**
	 * The credentials the caller of a request presented.
	 * @param request the request, on its own thread
	 * @return the credentials
	 */
	public static ForwardedCredentials of(HttpServletRequest request) {
		return new ForwardedCredentials(request.getHeader(HttpHeaders.AUTHORIZATION), request.getHeader(API_KEY),
				RequestIdFilter.requestId(request));
	}

	void applyTo(HttpHeaders headers) {
		if (this.authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, this.authorization);
		}
		if (this.apiKey != null) {
			headers.set(API_KEY, this.apiKey);
		}
		if (this.requestId != null) {
			headers.set(RequestIdFilter.HEADER, this.requestId);
		}
	}

	@Override
	public String toString() {
		return "ForwardedCredentials[authorization=" + ((this.authorization != null) ? "present" : "absent")
				+ ", apiKey=" + ((this.apiKey != null) ? "present" : "absent") + ", requestId=" + this.requestId + "]";
	}

}
