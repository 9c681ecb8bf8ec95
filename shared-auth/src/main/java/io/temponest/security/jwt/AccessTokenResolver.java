package io.temponest.security.jwt;

import io.temponest.security.apikey.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Resolves {@code Authorization: Bearer} access tokens but leaves API keys
 * ({@code Bearer sk_...}) to the API-key filter. A well-formed header (RFC 6750's
 * {@code Bearer} and a b64token, the scheme in any case) is read with a character loop;
 * anything else goes to Spring Security's resolver, which answers it as before (no token,
 * or "Bearer token is malformed"). Its case-insensitive regular expression over the whole
 * token was a sixth of a service's samples under read load.
 */
public final class AccessTokenResolver implements BearerTokenResolver {

	private static final String SCHEME = "Bearer ";

	private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

	@Override
	public String resolve(HttpServletRequest request) {
		String token = wellFormedToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			token = this.delegate.resolve(request);
		}
		return (token == null || ApiKeys.isApiKey(token)) ? null : token;
	}

	/**
	 * The token of a well-formed bearer header.
	 * @param authorization the header's value
	 * @return the token, or {@code null} when the header is absent, of another scheme or
	 * malformed
	 */
	static String wellFormedToken(String authorization) {
		if (authorization == null || authorization.length() <= SCHEME.length()
				|| !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		int end = authorization.length();
		while (end > SCHEME.length() && authorization.charAt(end - 1) == '=') {
			end--;
		}
		if (end == SCHEME.length()) {
			return null;
		}
		for (int i = SCHEME.length(); i < end; i++) {
			if (!isTokenCharacter(authorization.charAt(i))) {
				return null;
			}
		}
		return authorization.substring(SCHEME.length());
	}

	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
