package io.temponest.auth.user;

import java.util.UUID;

/**
 * The account an email address belongs to, found before the tenant is known.
 *
 * @param userId the user
 * @param tenantId its tenant
 */
public record LoginTarget(UUID userId, UUID tenantId) {

}
