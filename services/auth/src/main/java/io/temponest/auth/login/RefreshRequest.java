package io.temponest.auth.login;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /auth/refresh}.
 *
 * @param refreshToken the refresh token to spend
 */
record RefreshRequest(@JsonProperty("refresh_token") @NotBlank @Size(max = 4096) String refreshToken) {

	@Override
	public String toString() {
		return "RefreshRequest[refreshToken=***]";
	}

}
