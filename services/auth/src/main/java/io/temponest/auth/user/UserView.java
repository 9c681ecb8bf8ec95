package io.temponest.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user as the API shows it (the original's {@code UserResponse}).
 *
 * @param id the user id
 * @param email the email
 * @param fullName the full name
 * @param tenantId the tenant
 * @param tenantName the tenant's name
 * @param active whether the user is active
 * @param superuser whether the user is a superuser
 * @param roles role names
 * @param permissions permission names
 * @param createdAt when the user registered
 * @param lastLoginAt the last successful login, if any
 */
public record UserView(UUID id, String email, @Nullable String fullName, UUID tenantId, String tenantName,
		boolean active, boolean superuser, List<String> roles, List<String> permissions, Instant createdAt,
		@Nullable Instant lastLoginAt) {

	public UserView {
		roles = List.copyOf(roles);
		permissions = List.copyOf(permissions);
	}

}
