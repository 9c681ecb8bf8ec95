package io.temponest.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An API key as listed (never with the key itself).
 *
 * @param id the key id
 * @param keyPrefix the first 12 characters of the key
 * @param name the key's name
 * @param tenantId the owning tenant
 * @param userId the owning user, or {@code null} for a user-less (service) key
 * @param scopes the scopes given at creation
 * @param expiresAt when it expires, or {@code null} for never
 * @param lastUsedAt when it last authenticated a request, if ever
 * @param createdAt when it was created
 * @param active whether it authenticates now: not revoked and not expired
 * @param parentKeyId the key that created it, or {@code null} for a key created by a user
 */
public record ApiKeyView(UUID id, String keyPrefix, String name, UUID tenantId, @Nullable UUID userId,
		List<String> scopes, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, Instant createdAt,
		boolean active, @Nullable UUID parentKeyId) {

	public ApiKeyView {
		scopes = List.copyOf(scopes);
	}

}
