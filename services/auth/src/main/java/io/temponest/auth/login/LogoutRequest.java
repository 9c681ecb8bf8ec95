package io.temponest.auth.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Optional body of {@code POST /auth/logout}.
 *
 * @param refreshToken the refresh token whose family is revoked with the access token
 */
record LogoutRequest(@JsonProperty("refresh_token") @Size(max = 4096) @Nullable String refreshToken) {

	@Override
	public String toString() {
		return "LogoutRequest[refreshToken=***]";
	}

}
