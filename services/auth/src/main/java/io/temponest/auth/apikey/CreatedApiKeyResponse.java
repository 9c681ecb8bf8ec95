package io.temponest.auth.apikey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A newly created API key: the only response that carries the key itself; null fields are
 * included, as the original did.
 *
 * @param id the key id
 * @param key the full key, shown once
 * @param keyPrefix the first 12 characters of the key
 * @param name the key's name
 * @param tenantId the tenant
 * @param scopes the scopes
 * @param expiresAt when the key expires, or null for never
 * @param lastUsedAt always null for a new key
 * @param createdAt when the key was created
 * @param active always true for a new key
 * @param parentKeyId the key that created it, or {@code null} for a key created by a user
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CreatedApiKeyResponse(UUID id, String key, @JsonProperty("key_prefix") String keyPrefix, String name,
		@JsonProperty("tenant_id") UUID tenantId, List<String> scopes,
		@JsonProperty("expires_at") @Nullable Instant expiresAt,
		@JsonProperty("last_used_at") @Nullable Instant lastUsedAt, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("is_active") boolean active, @JsonProperty("parent_key_id") @Nullable UUID parentKeyId) {

	static CreatedApiKeyResponse of(CreatedApiKey created) {
		ApiKeyView key = created.key();
		return new CreatedApiKeyResponse(key.id(), created.plaintext(), key.keyPrefix(), key.name(), key.tenantId(),
				key.scopes(), key.expiresAt(), key.lastUsedAt(), key.createdAt(), key.active(), key.parentKeyId());
	}

	@Override
	public String toString() {
		return "CreatedApiKeyResponse[id=" + this.id + ", keyPrefix=" + this.keyPrefix + "]";
	}

}
