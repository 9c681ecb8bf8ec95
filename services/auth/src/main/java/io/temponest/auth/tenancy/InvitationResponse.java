package io.temponest.auth.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A created invitation; the token is shown only here.
 *
 * @param id the invitation id
 * @param tenantId the tenant
 * @param email the invited address
 * @param roles roles granted on joining
 * @param expiresAt when the invitation expires
 * @param invitationToken the token to pass as {@code invitation_token} when registering
 */
record InvitationResponse(UUID id, @JsonProperty("tenant_id") UUID tenantId, String email, List<String> roles,
		@JsonProperty("expires_at") Instant expiresAt, @JsonProperty("invitation_token") String invitationToken) {

	static InvitationResponse of(CreatedInvitation invitation) {
		return new InvitationResponse(invitation.id(), invitation.tenantId(), invitation.email(), invitation.roles(),
				invitation.expiresAt(), invitation.token());
	}

	@Override
	public String toString() {
		return "InvitationResponse[id=" + this.id + ", tenantId=" + this.tenantId + "]";
	}

}
