package io.temponest.auth.audit;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row of the audit log.
 *
 * @param tenantId the tenant the action happened in
 * @param userId the acting user, or {@code null} (user-less API key, unknown user)
 * @param action what happened, for example {@code login} or {@code api_key_create}
 * @param resourceType the kind of resource acted on, if any
 * @param resourceId the resource acted on, if any
 * @param details extra facts stored as JSON, if any
 * @param client where the request came from
 */
public record AuditEvent(UUID tenantId, @Nullable UUID userId, String action, @Nullable String resourceType,
		@Nullable String resourceId, @Nullable Map<String, ?> details, ClientInfo client) {

	/**
	 * Start an event.
	 * @param tenantId the tenant
	 * @param userId the acting user, if any
	 * @param action the action
	 * @return an event without resource, details or client
	 */
	public static AuditEvent of(UUID tenantId, @Nullable UUID userId, String action) {
		return new AuditEvent(tenantId, userId, action, null, null, null, ClientInfo.NONE);
	}

	/**
	 * The same event about a resource.
	 * @param type the resource type
	 * @param id the resource id, if any
	 * @return a new event
	 */
	public AuditEvent on(String type, @Nullable Object id) {
		return new AuditEvent(this.tenantId, this.userId, this.action, type, (id != null) ? id.toString() : null,
				this.details, this.client);
	}

	/**
	 * The same event with details.
	 * @param details the details
	 * @return a new event
	 */
	public AuditEvent with(Map<String, ?> details) {
		return new AuditEvent(this.tenantId, this.userId, this.action, this.resourceType, this.resourceId, details,
				this.client);
	}

	/**
	 * The same event from a client.
	 * @param client the client
	 * @return a new event
	 */
	public AuditEvent from(ClientInfo client) {
		return new AuditEvent(this.tenantId, this.userId, this.action, this.resourceType, this.resourceId, this.details,
				client);
	}

}
