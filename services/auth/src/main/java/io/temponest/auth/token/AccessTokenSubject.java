package io.temponest.auth.token;

import java.util.List;
import java.util.UUID;

/**
 * Who an access token is for: a snapshot of the user's grants at issue time.
 *
 * @param userId the user ({@code sub})
 * @param tenantId the user's tenant
 * @param email the user's email
 * @param roles role names
 * @param permissions permission names
 * @param superuser whether the user passes every permission check
 */
public record AccessTokenSubject(UUID userId, UUID tenantId, String email, List<String> roles, List<String> permissions,
		boolean superuser) {

	public AccessTokenSubject {
		roles = List.copyOf(roles);
		permissions = List.copyOf(permissions);
	}

}
