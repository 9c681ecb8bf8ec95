package io.temponest.approval.page;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * The sign-in cookie of the pages: the access token from the auth service, HttpOnly,
 * SameSite=Strict and Secure (outside the dev profile). Only the pages' filter chain
 * reads it (never {@code /api/**}); the sign-in page and static files ignore it, so a
 * stale cookie never loops.
 */
public final class SessionCookie implements BearerTokenResolver {

	/** The cookie's name. */
	public static final String NAME = "approval_session";

	private final boolean secure;

	/**
	 * Create the cookie handling.
	 * @param properties whether the cookie is Secure
	 */
	public SessionCookie(PageProperties properties) {
		this.secure = properties.secureCookie();
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/login") || path.startsWith("/css/")) {
			return null;
		}
		return read(request);
	}

	/**
	 * The token in a request's cookie.
	 * @param request the request
	 * @return the token, or {@code null}
	 */
	public static @Nullable String read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/**
	 * Keep a token in the cookie.
	 * @param response the response
	 * @param token the access token
	 * @param lifetime how long it is valid
	 */
	void write(HttpServletResponse response, String token, Duration lifetime) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, lifetime).toString());
	}

	/**
	 * Remove the cookie.
	 * @param response the response
	 */
	public void clear(HttpServletResponse response) {
		response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString());
	}

	private ResponseCookie cookie(String value, Duration maxAge) {
		return ResponseCookie.from(NAME, value)
			.httpOnly(true)
			.secure(this.secure)
			.sameSite("Strict")
			.path("/")
			.maxAge(maxAge)
			.build();
	}

}
