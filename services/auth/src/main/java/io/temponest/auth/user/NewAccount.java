package io.temponest.auth.user;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A user to create.
 *
 * @param tenantId its tenant
 * @param email its (normalised) email
 * @param hashedPassword its bcrypt hash
 * @param fullName its full name
 * @param superuser whether it is a superuser
 */
public record NewAccount(UUID tenantId, String email, String hashedPassword, @Nullable String fullName,
		boolean superuser) {

	@Override
	public String toString() {
		return "NewAccount[tenantId=" + this.tenantId + ", email=" + this.email + "]";
	}

}
