package io.temponest.agents.activity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A row just written to the activity log, published synchronously inside the transaction
 * that wrote it: listeners that write in that transaction commit or roll back with it.
 *
 * @param id the row's id (the event id)
 * @param tenantId the tenant
 * @param userId the acting user, if any
 * @param occurredAt when it happened
 * @param service the service it happened in
 * @param action what happened, such as {@code run.succeeded}
 * @param level {@code info}, {@code success}, {@code warn} or {@code error}
 * @param agent the role or agent it concerns, if any
 * @param resourceType the kind of thing it happened to, if any
 * @param resourceId the thing it happened to, if any
 * @param message what happened, for people
 * @param details more about it
 */
public record ActivityRecorded(UUID id, UUID tenantId, @Nullable UUID userId, Instant occurredAt, String service,
		String action, String level, @Nullable String agent, @Nullable String resourceType, @Nullable String resourceId,
		String message, Map<String, @Nullable Object> details) {

}
