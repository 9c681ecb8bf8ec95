package io.temponest.security.testapp;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.temponest.security.RevokedTokens;

/**
 * A process-local {@link RevokedTokens} for auto-configuration tests that need no Redis.
 */
public final class InMemoryRevokedTokens implements RevokedTokens {

	private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

	@Override
	public boolean isRevoked(String jti) {
		Instant expiry = this.revoked.get(jti);
		return expiry != null && expiry.isAfter(Instant.now());
	}

	@Override
	public void revoke(String jti, Instant expiresAt) {
		this.revoked.put(jti, expiresAt);
	}

}
