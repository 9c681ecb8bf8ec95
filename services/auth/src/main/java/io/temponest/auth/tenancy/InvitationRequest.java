package io.temponest.auth.tenancy;

import java.util.List;

import io.temponest.auth.validation.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /tenants/{tenantId}/invitations}.
 *
 * @param email the invited address
 * @param roles roles granted on joining; absent or empty means {@code viewer}
 */
record InvitationRequest(@NotNull @ValidEmail String email,
		@Nullable @Size(max = 10) List<@NotBlank @Size(max = 50) String> roles) {

	List<String> rolesOrEmpty() {
		return (this.roles != null) ? this.roles : List.of();
	}

}
