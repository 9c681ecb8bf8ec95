package io.temponest.agents.activity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One row of the log viewer, in the console's field names.
 *
 * @param id the row
 * @param timestamp when it happened
 * @param level {@code info}, {@code success}, {@code warn} or {@code error}
 * @param message what happened
 * @param action what happened, as a type such as {@code run.failed}
 * @param agent the role or agent it concerns, {@code System} when none
 * @param service the service it happened in
 * @param resource the thing it happened to (a project's slug, a run's or an execution's
 * id, …), if any
 * @param resourceType the kind of thing it happened to, if any
 * @param details more about it
 * @param userId the acting user, if any
 */
record LogEntry(UUID id, Instant timestamp, String level, String message, String action, String agent, String service,
		@Nullable String resource, @JsonProperty("resourceType") @Nullable String resourceType,
		Map<String, @Nullable Object> details, @JsonProperty("userId") @Nullable UUID userId) {

	/** The agent of rows that name none (as the console shows them). */
	static final String SYSTEM = "System";

}
