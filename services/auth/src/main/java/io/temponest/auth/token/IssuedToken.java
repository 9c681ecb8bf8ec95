package io.temponest.auth.token;

import java.time.Instant;

/**
 * A signed token.
 *
 * @param value the compact JWT
 * @param jti its id
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 */
public record IssuedToken(String value, String jti, Instant issuedAt, Instant expiresAt) {

}
