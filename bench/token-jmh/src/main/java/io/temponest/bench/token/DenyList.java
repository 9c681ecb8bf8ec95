package io.temponest.bench.token;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.temponest.security.RevokedTokens;

/**
 * An in-process deny-list shaped like the platform's (a concurrent map of token ids to
 * expiry seconds, checked against the clock), holding 10,000 revoked ids so the lookup
 * costs what it costs in a busy service, without Redis.
 */
final class DenyList implements RevokedTokens {

	private final Map<String, Long> revoked = new ConcurrentHashMap<>();

	DenyList() {
		long expiry = Instant.now().getEpochSecond() + 3600;
		for (int i = 0; i < 10_000; i++) {
			this.revoked.put(UUID.randomUUID().toString(), expiry);
		}
	}

	@Override
	public boolean isRevoked(String jti) {
		Long expiry = this.revoked.get(jti);
		return expiry != null && expiry > Instant.now().getEpochSecond();
	}

	@Override
	public void revoke(String jti, Instant expiresAt) {
		this.revoked.put(jti, expiresAt.getEpochSecond());
	}

}
