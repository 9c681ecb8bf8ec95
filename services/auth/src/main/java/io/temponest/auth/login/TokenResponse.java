package io.temponest.auth.login;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The original's {@code TokenResponse}, plus the user and tenant ids its clients look
 * for.
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token (a new one on every refresh)
 * @param tokenType always {@code bearer}
 * @param expiresIn access token lifetime in seconds
 * @param userId the user
 * @param tenantId the user's tenant
 */
record TokenResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("refresh_token") String refreshToken, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("user_id") UUID userId,
		@JsonProperty("tenant_id") UUID tenantId) {

	static TokenResponse of(TokenPair pair) {
		return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.tokenType(), pair.expiresIn(),
				pair.userId(), pair.tenantId());
	}

	@Override
	public String toString() {
		return "TokenResponse[userId=" + this.userId + ", tenantId=" + this.tenantId + "]";
	}

}
