package io.temponest.security.apikey;

import java.time.Duration;
import java.util.Optional;

import io.temponest.cache.JsonCache;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.RevokedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Asks the auth service ({@code GET /api-keys/verify} with {@code Authorization: Bearer
 * <key>}) and caches its verdict, valid or invalid, under {@code apikey:{sha256}}. An
 * unreachable or failing auth service makes the key invalid for this request only: such
 * answers are not cached. When a deny-list is given, a key whose {@code apikey:{sha256}}
 * entry is on it is refused before any cached verdict is used and after a fresh one is
 * fetched, so a revocation announced on the revocation channel takes effect at once; the
 * verdict cache's lifetime bounds a revoked key's life only while that channel is down.
 */
public final class RemoteApiKeyVerifier implements ApiKeyVerifier {

	/** Path of the verification endpoint of the auth service. */
	public static final String VERIFY_PATH = "/api-keys/verify";

	private static final Logger log = LoggerFactory.getLogger(RemoteApiKeyVerifier.class);

	private final RestClient authService;

	private final JsonCache cache;

	private final Duration cacheTtl;

	private final RevokedTokens revokedTokens;

	/**
	 * Create a verifier without a deny-list (revoked keys live until their cached verdict
	 * expires).
	 * @param authService a client whose base URL is the auth service
	 * @param cache the cache of verdicts
	 * @param cacheTtl how long verdicts are cached
	 */
	public RemoteApiKeyVerifier(RestClient authService, JsonCache cache, Duration cacheTtl) {
		this(authService, cache, cacheTtl, null);
	}

	/**
	 * Create a verifier.
	 * @param authService a client whose base URL is the auth service
	 * @param cache the cache of verdicts
	 * @param cacheTtl how long verdicts are cached
	 * @param revokedTokens the deny-list that revoked keys are announced on, or
	 * {@code null} for none
	 */
	public RemoteApiKeyVerifier(RestClient authService, JsonCache cache, Duration cacheTtl,
			RevokedTokens revokedTokens) {
		this.authService = authService;
		this.cache = cache;
		this.cacheTtl = cacheTtl;
		this.revokedTokens = revokedTokens;
	}

	@Override
	public Optional<AuthPrincipal> verify(String apiKey) {
		String cacheKey = ApiKeys.cacheKey(apiKey);
		if (isRevoked(cacheKey)) {
			return Optional.empty();
		}
		Optional<ApiKeyVerdict> cached = this.cache.get(cacheKey, ApiKeyVerdict.class);
		if (cached.isPresent()) {
			return cached.get().principalIfValid();
		}
		ApiKeyVerdict verdict = askAuthService(apiKey);
		if (verdict == null || isRevoked(cacheKey)) {
			// revoked while the auth service was asked: its answer may be older
			return Optional.empty();
		}
		this.cache.put(cacheKey, verdict, this.cacheTtl);
		return verdict.principalIfValid();
	}

	private boolean isRevoked(String cacheKey) {
		return this.revokedTokens != null && this.revokedTokens.isRevoked(cacheKey);
	}

	private ApiKeyVerdict askAuthService(String apiKey) {
		try {
			return this.authService.get()
				.uri(VERIFY_PATH)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (status == 200) {
						AuthPrincipal principal = response.bodyTo(AuthPrincipal.class);
						return (principal != null) ? ApiKeyVerdict.validFor(principal.withAuthType(AuthType.API_KEY))
								: null;
					}
					if (status == 401 || status == 403 || status == 404) {
						return ApiKeyVerdict.INVALID;
					}
					log.warn("The auth service answered {} to an API-key verification", status);
					return null;
				});
		}
		catch (RuntimeException ex) {
			log.warn("Could not verify an API key with the auth service: {}", ex.toString());
			return null;
		}
	}

}
