package io.temponest.auth.user;

import java.util.UUID;

/**
 * What login needs to know about an account.
 *
 * @param userId the user
 * @param tenantId its tenant
 * @param email its email
 * @param hashedPassword its bcrypt hash
 * @param active whether the user is active
 * @param superuser whether the user is a superuser
 * @param tenantActive whether its tenant is active
 * @param grants its roles and permissions
 */
public record Credentials(UUID userId, UUID tenantId, String email, String hashedPassword, boolean active,
		boolean superuser, boolean tenantActive, Grants grants) {

	@Override
	public String toString() {
		return "Credentials[userId=" + this.userId + ", tenantId=" + this.tenantId + "]";
	}

}
