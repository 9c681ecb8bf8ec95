package io.temponest.security.apikey;

import io.temponest.security.Sha256;

/**
 * How API keys look, where they are sent, and how their verdicts are cached and revoked.
 */
public final class ApiKeys {

	/** Prefix of every API key. */
	public static final String PREFIX = "sk_";

	/**
	 * Header that may carry an API key (besides {@code Authorization: Bearer sk_...}).
	 */
	public static final String HEADER = "X-API-Key";

	/** Name of the cache of verification verdicts (keys {@code apikey:{sha256}}). */
	public static final String CACHE_NAME = "apikey";

	private ApiKeys() {
	}

	/**
	 * Whether a credential is an API key rather than an access token.
	 * @param credential the credential
	 * @return whether it starts with {@value #PREFIX}
	 */
	public static boolean isApiKey(String credential) {
		return credential != null && credential.startsWith(PREFIX);
	}

	/**
	 * The SHA-256 of a key as lowercase hex (the form the auth service stores).
	 * @param apiKey the key
	 * @return 64 hex characters
	 */
	public static String sha256Hex(String apiKey) {
		return Sha256.hex(apiKey);
	}

	/**
	 * The cache key of a key's verdict.
	 * @param apiKey the key
	 * @return {@code apikey:{sha256 hex}}
	 */
	public static String cacheKey(String apiKey) {
		return cacheKeyOfHash(sha256Hex(apiKey));
	}

	/**
	 * The cache key of a key's verdict, from the key's hash; also the key's entry on the
	 * revocation deny-list.
	 * @param sha256Hex the key's SHA-256 as lowercase hex
	 * @return {@code apikey:{sha256 hex}}
	 */
	public static String cacheKeyOfHash(String sha256Hex) {
		return CACHE_NAME + ":" + sha256Hex;
	}

}
