package io.temponest.auth.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new invitation: the only time its token is available.
 *
 * @param id the invitation id
 * @param tenantId the inviting tenant
 * @param email the invited address
 * @param roles the roles the invitee gets
 * @param expiresAt until when it can be accepted
 * @param token the token to pass to registration
 */
public record CreatedInvitation(UUID id, UUID tenantId, String email, List<String> roles, Instant expiresAt,
		String token) {

	public CreatedInvitation {
		roles = List.copyOf(roles);
	}

	@Override
	public String toString() {
		return "CreatedInvitation[id=" + this.id + ", tenantId=" + this.tenantId + ", email=" + this.email + "]";
	}

}
