package io.temponest.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens whose signature and claims were verified recently, so that a client presenting
 * the same token again is not verified again: a fixed number of slots chosen by the
 * token's hash (a colliding token replaces the older one), each entry usable until the
 * token expires (with the clock skew) or until {@code maxAge} after its verification,
 * whichever comes first. A hit requires the whole token text to be equal, so it proves
 * the same signature over the same claims. Revocation is not remembered here; it is
 * checked on every use.
 */
final class VerifiedTokens {

	private final AtomicReferenceArray<@Nullable Entry> slots;

	private final int mask;

	private final Duration maxAge;

	private final Duration clockSkew;

	private final Clock clock;

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
		int size = (capacity <= 1) ? 1 : Integer.highestOneBit(capacity - 1) << 1;
		this.slots = new AtomicReferenceArray<>(size);
		this.mask = size - 1;
		this.maxAge = maxAge;
		this.clockSkew = clockSkew;
		this.clock = clock;
	}

	/**
	 * The verified form of a token, when it was verified recently and is still valid.
	 * @param token the compact token
	 * @return the verified token, or {@code null}
	 */
	@Nullable Jwt get(String token) {
		Entry entry = this.slots.get(slot(token));
		if (entry == null || !entry.token().equals(token)) {
			return null;
		}
		if (!this.clock.instant().isBefore(entry.usableUntil())) {
			return null;
		}
		return entry.jwt();
	}

	/**
	 * Remember a token that has just been verified.
	 * @param jwt the verified token
	 */
	void put(Jwt jwt) {
		Instant limit = this.clock.instant().plus(this.maxAge);
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null && expiresAt.plus(this.clockSkew).isBefore(limit)) {
			limit = expiresAt.plus(this.clockSkew);
		}
		String token = jwt.getTokenValue();
		this.slots.set(slot(token), new Entry(token, jwt, limit));
	}

	private int slot(String token) {
		int hash = token.hashCode();
		return (hash ^ (hash >>> 16)) & this.mask;
	}

	/** One verified token. */
	private record Entry(String token, Jwt jwt, Instant usableUntil) {

	}

}
