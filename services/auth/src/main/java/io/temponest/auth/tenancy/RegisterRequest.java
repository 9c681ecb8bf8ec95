package io.temponest.auth.tenancy;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.auth.validation.PersonName;
import io.temponest.auth.validation.ValidEmail;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /auth/register}. Unknown fields (such as {@code role} or
 * {@code is_superuser}) are ignored.
 *
 * @param email the email address
 * @param password the password, checked against the password policy
 * @param fullName the full name
 * @param tenantId the tenant to join; only together with an invitation of that tenant
 * @param invitationToken the invitation token from the tenant's admin
 */
record RegisterRequest(@NotNull @ValidEmail String email, @NotNull @Size(max = 1024) String password,
		@JsonProperty("full_name") @NotNull @PersonName String fullName,
		@JsonProperty("tenant_id") @Nullable UUID tenantId,
		@JsonProperty("invitation_token") @Nullable @Pattern(regexp = "inv_[0-9a-f]{64}") String invitationToken) {

	RegisterCommand toCommand() {
		return new RegisterCommand(this.email, this.password, this.fullName, this.tenantId, this.invitationToken);
	}

	@Override
	public String toString() {
		return "RegisterRequest[email=" + this.email + ", tenantId=" + this.tenantId + "]";
	}

}
