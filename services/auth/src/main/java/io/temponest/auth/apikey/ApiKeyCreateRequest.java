package io.temponest.auth.apikey;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.auth.validation.PersonName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api-keys}. Unknown fields (such as {@code user_id} or
 * {@code is_active}) are ignored.
 *
 * @param name the key's name
 * @param scopes the permissions the key holds (at least one, each held by the caller)
 * @param expiresInDays days until the key expires; absent means never
 */
record ApiKeyCreateRequest(@NotNull @PersonName(max = 100) String name,
		@NotEmpty @Size(max = ApiKeys.MAX_SCOPES) List<@NotBlank @Size(max = ApiKeys.MAX_SCOPE_LENGTH) String> scopes,
		@JsonProperty("expires_in_days") @Nullable @Positive Integer expiresInDays) {

}
