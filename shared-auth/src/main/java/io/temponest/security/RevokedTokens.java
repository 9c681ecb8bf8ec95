package io.temponest.security;

import java.time.Instant;

/**
 * The deny-list of revoked access tokens, by {@code jti}. Verifiers check it on every
 * request from an in-process copy that Redis pub/sub keeps current, so the check costs no
 * network round trip.
 */
public interface RevokedTokens {

	/**
	 * Whether a token id has been revoked.
	 * @param jti the token id
	 * @return whether it is on the deny-list
	 */
	boolean isRevoked(String jti);

	/**
	 * Revoke a token until it would have expired anyway, and tell every verifier.
	 * @param jti the token id
	 * @param expiresAt when the token expires
	 */
	void revoke(String jti, Instant expiresAt);

}
