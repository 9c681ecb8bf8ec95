package io.temponest.auth.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A member of a tenant.
 *
 * @param id the user id
 * @param email the email
 * @param fullName the full name
 * @param active whether the user is active
 * @param superuser whether the user is a superuser
 * @param roles role names, sorted
 * @param createdAt when the user registered
 * @param lastLoginAt the last successful login, if any
 */
public record MemberView(UUID id, String email, @Nullable String fullName, boolean active, boolean superuser,
		List<String> roles, Instant createdAt, @Nullable Instant lastLoginAt) {

	public MemberView {
		roles = List.copyOf(roles);
	}

}
