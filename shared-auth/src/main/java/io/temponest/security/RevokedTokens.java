package io.temponest.security;

import java.time.Instant;

/**
 * The deny-list of revoked access tokens, by {@code jti}, and of revoked API keys, by
 * {@code apikey:{sha256 hex}} (the key of their cached verdict). Verifiers check it on
 * every request from an in-process copy that Redis pub/sub keeps current, so the check
 * costs no network round trip.
 */
public interface RevokedTokens {

	/**
	 * Whether a token id (or API-key entry) has been revoked.
	 * @param jti the token id or API-key entry
	 * @return whether it is on the deny-list
	 */
	boolean isRevoked(String jti);

	/**
	 * Revoke a token (or API key) until it would have expired anyway, and tell every
	 * verifier.
	 * @param jti the token id or API-key entry
	 * @param expiresAt until when the entry is kept
	 */
	void revoke(String jti, Instant expiresAt);

}
