package io.temponest.auth.login;

import java.util.UUID;

import io.temponest.auth.token.IssuedToken;

/**
 * The tokens a login or refresh returns (the original's {@code TokenResponse}, plus the
 * user and tenant ids that integration clients look for).
 *
 * @param accessToken the access token
 * @param refreshToken the refresh token
 * @param tokenType always {@code bearer}
 * @param expiresIn access token lifetime in seconds
 * @param userId the user
 * @param tenantId the user's tenant
 */
public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn, UUID userId,
		UUID tenantId) {

	/** The token type of every pair. */
	public static final String BEARER = "bearer";

	static TokenPair of(IssuedToken access, IssuedToken refresh, UUID userId, UUID tenantId) {
		long expiresIn = access.expiresAt().getEpochSecond() - access.issuedAt().getEpochSecond();
		return new TokenPair(access.value(), refresh.value(), BEARER, expiresIn, userId, tenantId);
	}

	@Override
	public String toString() {
		return "TokenPair[userId=" + this.userId + ", tenantId=" + this.tenantId + "]";
	}

}
