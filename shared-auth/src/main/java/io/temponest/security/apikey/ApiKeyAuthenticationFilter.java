package io.temponest.security.apikey;

import java.io.IOException;
import java.util.Optional;

import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.PlatformAuthentication;
import io.temponest.security.TokenVerificationMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests that carry an API key in {@code X-API-Key} or as
 * {@code Authorization: Bearer sk_...}; a key that does not verify is answered with 401.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

	private static final String BEARER = "Bearer ";

	private final ApiKeyVerifier verifier;

	private final AuthenticationEntryPoint entryPoint;

	private final TokenVerificationMetrics metrics;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

	/**
	 * Create the filter.
	 * @param verifier verifies keys
	 * @param entryPoint answers requests whose key does not verify
	 * @param metrics the verification counters
	 */
	public ApiKeyAuthenticationFilter(ApiKeyVerifier verifier, AuthenticationEntryPoint entryPoint,
			TokenVerificationMetrics metrics) {
		this.verifier = verifier;
		this.entryPoint = entryPoint;
		this.metrics = metrics;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String apiKey = presentedKey(request);
		if (apiKey == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<AuthPrincipal> principal;
		try {
			principal = ApiKeys.isApiKey(apiKey) ? this.verifier.verify(apiKey) : Optional.empty();
		}
		catch (RuntimeException ex) {
			log.warn("API-key verification failed: {}", ex.toString());
			this.contexts.clearContext();
			this.entryPoint.commence(request, response,
					new AuthenticationServiceException("API-key verification failed", ex));
			return;
		}
		if (principal.isEmpty()) {
			this.metrics.apiKeyInvalid();
			this.contexts.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Invalid API key"));
			return;
		}
		this.metrics.apiKeyValid();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(new PlatformAuthentication(principal.get().withAuthType(AuthType.API_KEY), apiKey));
		this.contexts.setContext(context);
		this.repository.saveContext(context, request, response);
		chain.doFilter(request, response);
	}

	private static String presentedKey(HttpServletRequest request) {
		String header = request.getHeader(ApiKeys.HEADER);
		if (header != null && !header.isBlank()) {
			return header.strip();
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			String credential = authorization.substring(BEARER.length()).strip();
			if (ApiKeys.isApiKey(credential)) {
				return credential;
			}
		}
		return null;
	}

}
