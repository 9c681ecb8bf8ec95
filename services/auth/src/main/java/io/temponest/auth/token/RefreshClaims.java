package io.temponest.auth.token;

import java.time.Instant;
import java.util.UUID;

/**
 * The verified content of a refresh token.
 *
 * @param jti the token id
 * @param userId the user
 * @param tenantId the user's tenant
 * @param expiresAt when it expires
 */
public record RefreshClaims(UUID jti, UUID userId, UUID tenantId, Instant expiresAt) {

}
