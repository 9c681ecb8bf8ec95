package io.temponest.security.exchange;

import java.util.Objects;
import java.util.UUID;

/**
 * The user a service acts for on an outgoing call. Set it as the {@value #ATTRIBUTE}
 * attribute of a {@code RestClient} request to name the user per call:
 * {@code restClient.post().uri(...).attribute(ActingUser.ATTRIBUTE, new ActingUser(tenantId, userId))}.
 *
 * @param tenantId the user's tenant
 * @param userId the user
 */
public record ActingUser(UUID tenantId, UUID userId) {

	/** Name of the request attribute that carries the user. */
	public static final String ATTRIBUTE = ActingUser.class.getName();

	public ActingUser {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(userId, "userId");
	}

}
