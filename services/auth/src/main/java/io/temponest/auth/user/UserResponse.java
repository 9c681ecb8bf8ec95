package io.temponest.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The original's {@code UserResponse} (register and {@code GET /auth/me}); null fields
 * are included, as the original did.
 *
 * @param id the user id
 * @param userId the user id again, under the name some clients read
 * @param email the normalised email
 * @param fullName the full name
 * @param tenantId the tenant
 * @param tenantName the tenant's name
 * @param active whether the account is active
 * @param superuser whether the user is a superuser
 * @param roles role names
 * @param permissions permission names
 * @param createdAt when the user was created
 * @param lastLoginAt the last successful login
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserResponse(UUID id, @JsonProperty("user_id") UUID userId, String email,
		@JsonProperty("full_name") @Nullable String fullName, @JsonProperty("tenant_id") UUID tenantId,
		@JsonProperty("tenant_name") String tenantName, @JsonProperty("is_active") boolean active,
		@JsonProperty("is_superuser") boolean superuser, List<String> roles, List<String> permissions,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("last_login_at") @Nullable Instant lastLoginAt) {

	/**
	 * The response for a user.
	 * @param user the user
	 * @return the response
	 */
	public static UserResponse of(UserView user) {
		return new UserResponse(user.id(), user.id(), user.email(), user.fullName(), user.tenantId(), user.tenantName(),
				user.active(), user.superuser(), user.roles(), user.permissions(), user.createdAt(),
				user.lastLoginAt());
	}

}
