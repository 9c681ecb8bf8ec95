package io.temponest.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.temponest.security.RecentlyVerified;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens whose signature and claims were verified recently, so that a client presenting
 * the same token again is not verified again: each entry usable until the token expires
 * (with the clock skew) or until {@code maxAge} after its verification, whichever comes
 * first. A hit requires the whole token text to be equal, so it proves the same signature
 * over the same claims. Revocation is not remembered here; it is checked on every use.
 */
final class VerifiedTokens {

	private final RecentlyVerified<Jwt> recent;

	private final Duration maxAge;

	private final Duration clockSkew;

	/**
	 * Create the cache.
	 * @param capacity the number of slots, rounded up to a power of two
	 * @param maxAge how long after its verification a token is trusted without a new
	 * verification (at most the key set's cache time, so a withdrawn key stops being
	 * trusted as fast as without this cache)
	 * @param clockSkew the tolerance the verifier applies to {@code exp}
	 * @param clock the clock the verifier uses
	 */
	VerifiedTokens(int capacity, Duration maxAge, Duration clockSkew, Clock clock) {
		this.recent = new RecentlyVerified<>(capacity, clock);
		this.maxAge = maxAge;
		this.clockSkew = clockSkew;
	}

	/**
	 * The verified form of a token, when it was verified recently and is still valid.
	 * @param token the compact token
	 * @return the verified token, or {@code null}
	 */
	@Nullable Jwt get(String token) {
		return this.recent.get(token);
	}

	/**
	 * Remember a token that has just been verified.
	 * @param jwt the verified token
	 */
	void put(Jwt jwt) {
		Instant limit = this.recent.clock().instant().plus(this.maxAge);
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null && expiresAt.plus(this.clockSkew).isBefore(limit)) {
			limit = expiresAt.plus(this.clockSkew);
		}
		this.recent.put(jwt.getTokenValue(), jwt, limit);
	}

}
