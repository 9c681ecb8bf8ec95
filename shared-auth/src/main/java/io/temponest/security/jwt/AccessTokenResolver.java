package io.temponest.security.jwt;

import io.temponest.security.apikey.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Resolves {@code Authorization: Bearer} access tokens but leaves API keys
 * ({@code Bearer sk_...}) to the API-key filter.
 */
public final class AccessTokenResolver implements BearerTokenResolver {

	private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

	@Override
	public String resolve(HttpServletRequest request) {
		String token = this.delegate.resolve(request);
		return (token == null || ApiKeys.isApiKey(token)) ? null : token;
	}

}
