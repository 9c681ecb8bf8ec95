package io.temponest.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An API key as listed or fetched: the original's {@code APIKeyResponse} with null fields
 * omitted and never the key itself, plus {@code is_active} so clients can see revocation.
 *
 * @param id the key id
 * @param keyPrefix the first 12 characters of the key
 * @param name the key's name
 * @param tenantId the tenant
 * @param scopes the scopes
 * @param expiresAt when the key expires
 * @param lastUsedAt when the key was last used
 * @param createdAt when the key was created
 * @param active whether the key is usable (not revoked)
 * @param parentKeyId the key that created it; {@code null} (always written) for a key
 * created by a user
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyResponse(UUID id, @JsonProperty("key_prefix") String keyPrefix, String name,
		@JsonProperty("tenant_id") UUID tenantId, List<String> scopes,
		@JsonProperty("expires_at") @Nullable Instant expiresAt,
		@JsonProperty("last_used_at") @Nullable Instant lastUsedAt, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("is_active") boolean active,
		@JsonProperty("parent_key_id") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable UUID parentKeyId) {

	static ApiKeyResponse of(ApiKeyView key) {
		return new ApiKeyResponse(key.id(), key.keyPrefix(), key.name(), key.tenantId(), key.scopes(), key.expiresAt(),
				key.lastUsedAt(), key.createdAt(), key.active(), key.parentKeyId());
	}

}
