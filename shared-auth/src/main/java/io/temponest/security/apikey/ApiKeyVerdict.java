package io.temponest.security.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * An answer about one API key, as cached under {@code apikey:{sha256}}.
 *
 * @param valid whether the key is valid
 * @param principal the key's principal when valid, else {@code null}
 * @param keyExpiresAt when a valid key expires, if the source knows it; a verdict is
 * never cached past it
 */
public record ApiKeyVerdict(@JsonProperty("valid") boolean valid,
		@JsonProperty("principal") @Nullable AuthPrincipal principal,
		@JsonProperty("key_expires_at") @Nullable Instant keyExpiresAt) {

	/** The verdict on an unknown, revoked or expired key. */
	public static final ApiKeyVerdict INVALID = new ApiKeyVerdict(false, null, null);

	/**
	 * The verdict on a valid key whose expiry the source does not give.
	 * @param principal the key's principal
	 * @return a valid verdict
	 */
	public static ApiKeyVerdict validFor(AuthPrincipal principal) {
		return new ApiKeyVerdict(true, principal, null);
	}

	/**
	 * The verdict on a valid key.
	 * @param principal the key's principal
	 * @param keyExpiresAt when the key expires, or {@code null} for never
	 * @return a valid verdict
	 */
	public static ApiKeyVerdict validUntil(AuthPrincipal principal, @Nullable Instant keyExpiresAt) {
		return new ApiKeyVerdict(true, principal, keyExpiresAt);
	}

	/**
	 * The principal if the key is valid.
	 * @return the principal, or empty
	 */
	public Optional<AuthPrincipal> principalIfValid() {
		return (this.valid) ? Optional.ofNullable(this.principal) : Optional.empty();
	}

	/**
	 * How long this verdict may be cached: the cache's time, cut at the key's expiry.
	 * @param cacheTtl the cache's time
	 * @param now the current instant
	 * @return the time, zero or negative when the verdict must not be cached
	 */
	Duration cacheTime(Duration cacheTtl, Instant now) {
		if (this.keyExpiresAt == null) {
			return cacheTtl;
		}
		Duration untilExpiry = Duration.between(now, this.keyExpiresAt);
		return (untilExpiry.compareTo(cacheTtl) < 0) ? untilExpiry : cacheTtl;
	}

}
