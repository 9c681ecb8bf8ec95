package io.temponest.auth.tenancy;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A registration.
 *
 * @param email the email (validated and normalised by the web layer)
 * @param password the password (checked against the password policy here)
 * @param fullName the full name (validated by the web layer)
 * @param tenantId the tenant to join; only together with an invitation of that tenant
 * @param invitationToken an invitation token, to join the inviting tenant
 */
public record RegisterCommand(String email, String password, String fullName, @Nullable UUID tenantId,
		@Nullable String invitationToken) {

	@Override
	public String toString() {
		return "RegisterCommand[email=" + this.email + ", tenantId=" + this.tenantId + "]";
	}

}
