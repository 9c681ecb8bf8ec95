package io.temponest.approval.config;

import java.io.IOException;

import io.temponest.approval.page.SessionCookie;
import io.temponest.security.jwt.AccessTokenAuthenticationConverter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs the pages' requests in with the access token of the sign-in cookie, verified like
 * any bearer token (signature, claims, revocation). A token that fails sends the person
 * to the sign-in page. Unlike the resource server's bearer filter, it leaves the CSRF
 * check of cookie-carried requests in place.
 */
final class SessionCookieAuthenticationFilter extends OncePerRequestFilter {

	private final SessionCookie cookie;

	private final JwtAuthenticationProvider tokens;

	private final AuthenticationEntryPoint signIn;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	SessionCookieAuthenticationFilter(SessionCookie cookie, JwtDecoder decoder, AuthenticationEntryPoint signIn) {
		this.cookie = cookie;
		this.tokens = new JwtAuthenticationProvider(decoder);
		this.tokens.setJwtAuthenticationConverter(new AccessTokenAuthenticationConverter());
		this.signIn = signIn;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = this.cookie.resolve(request);
		if (token != null) {
			try {
				Authentication authentication = this.tokens.authenticate(new BearerTokenAuthenticationToken(token));
				SecurityContext context = this.contexts.createEmptyContext();
				context.setAuthentication(authentication);
				this.contexts.setContext(context);
			}
			catch (AuthenticationException ex) {
				this.contexts.clearContext();
				this.signIn.commence(request, response, ex);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
