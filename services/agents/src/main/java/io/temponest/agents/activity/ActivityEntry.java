package io.temponest.agents.activity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One row of the activity log to write.
 *
 * @param id the row's id (a relayed event's id), or {@code null} for a new one
 * @param tenantId the tenant
 * @param userId the acting user, if any
 * @param occurredAt when it happened, or {@code null} for now
 * @param service the service it happened in
 * @param action what happened, such as {@code run.started}
 * @param level {@code info}, {@code success}, {@code warn} or {@code error}
 * @param agent the role or agent it concerns, if any
 * @param resourceType the kind of thing it happened to, if any
 * @param resourceId the thing it happened to, if any
 * @param message what happened, for people
 * @param details more about it
 */
record ActivityEntry(@Nullable UUID id, UUID tenantId, @Nullable UUID userId, @Nullable Instant occurredAt,
		String service, String action, String level, @Nullable String agent, @Nullable String resourceType,
		@Nullable String resourceId, String message, Map<String, @Nullable Object> details) {

	/** This service's name in the log. */
	static final String AGENTS_SERVICE = "agents";

}
