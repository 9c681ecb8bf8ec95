package io.temponest.auth.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A member of a tenant.
 *
 * @param id the user id
 * @param email the email
 * @param fullName the full name
 * @param active whether the account is active
 * @param superuser whether the user is a superuser
 * @param roles role names
 * @param createdAt when the user was created
 * @param lastLoginAt the last successful login
 */
record MemberResponse(UUID id, String email, @JsonProperty("full_name") @Nullable String fullName,
		@JsonProperty("is_active") boolean active, @JsonProperty("is_superuser") boolean superuser, List<String> roles,
		@JsonProperty("created_at") Instant createdAt, @JsonProperty("last_login_at") @Nullable Instant lastLoginAt) {

	static MemberResponse of(MemberView member) {
		return new MemberResponse(member.id(), member.email(), member.fullName(), member.active(), member.superuser(),
				member.roles(), member.createdAt(), member.lastLoginAt());
	}

}
