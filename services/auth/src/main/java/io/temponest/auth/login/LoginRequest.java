package io.temponest.auth.login;

import io.temponest.auth.validation.ValidEmail;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /auth/login}.
 *
 * @param email the email address
 * @param password the password (not checked against the policy: that applies on register)
 */
record LoginRequest(@NotNull @ValidEmail String email, @NotNull @Size(max = 1024) String password) {

	@Override
	public String toString() {
		return "LoginRequest[email=" + this.email + "]";
	}

}
