package io.temponest.events;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A platform event of one tenant and user, as a service publishes it through
 * {@link EventOutbox}: its id and the time it occurred are given when it is written, the
 * service name by the relay.
 *
 * @param type what happened, {@code <resource>.<verb>} such as {@code schedule.fired} (at
 * most 100 characters)
 * @param tenantId the tenant
 * @param userId the user the event is sent as (the acting user, or the owner of the
 * resource for background work)
 * @param level how it is shown
 * @param resourceType the kind of resource, such as {@code schedule}
 * @param resourceId the resource's id
 * @param message short human text
 * @param details any further JSON members (strings, numbers, booleans, lists and maps of
 * them)
 */
public record PlatformEvent(String type, UUID tenantId, UUID userId, EventLevel level, String resourceType,
		String resourceId, String message, Map<String, ?> details) {

	/** The longest type accepted. */
	public static final int MAX_TYPE_LENGTH = 100;

	public PlatformEvent {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(userId, "userId");
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(resourceType, "resourceType");
		Objects.requireNonNull(resourceId, "resourceId");
		Objects.requireNonNull(message, "message");
		details = Map.copyOf(Objects.requireNonNull(details, "details"));
		if (type.isBlank() || type.length() > MAX_TYPE_LENGTH) {
			throw new IllegalArgumentException("An event type has 1 to " + MAX_TYPE_LENGTH + " characters: " + type);
		}
	}

}
