package io.temponest.security;

import java.util.Optional;

/**
 * Verifies an API key ({@code sk_...}). The default implementation asks the auth service
 * ({@code GET /api-keys/verify}) and caches the verdict for 30 s under
 * {@code apikey:{sha256}}; the auth service replaces it with a database lookup.
 */
public interface ApiKeyVerifier {

	/**
	 * Verify a key.
	 * @param apiKey the presented key
	 * @return the principal, or empty if the key is unknown, revoked or expired
	 */
	Optional<AuthPrincipal> verify(String apiKey);

}
