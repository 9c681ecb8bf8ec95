package io.temponest.agents.activity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An event another service relays to the activity log.
 *
 * @param id the publisher's event id (the row's id: an event is stored once)
 * @param type what happened, such as {@code schedule.fired}
 * @param occurredAt when it happened
 * @param service the publishing service as it names itself (the log stores the acting
 * service of the token instead)
 * @param level {@code info}, {@code success}, {@code warn} or {@code error}
 * @param agent the role or agent it concerns, if any
 * @param resourceType the kind of thing it happened to, if any
 * @param resourceId the thing it happened to, if any
 * @param message what happened, for people
 * @param details more about it (a JSON object)
 */
record PlatformEvent(@NotNull @Nullable UUID id,
		@NotBlank @Size(max = 100) @Pattern(regexp = TYPE,
				message = "must be lower-case words joined by dots, such as schedule.fired") @Nullable String type,
		@NotNull @Nullable Instant occurredAt, @Size(max = 50) @Nullable String service,
		@NotNull @Pattern(regexp = LEVELS, message = "must be info, success, warn or error") @Nullable String level,
		@Size(max = 255) @Nullable String agent, @Size(max = 50) @Nullable String resourceType,
		@Size(max = 255) @Nullable String resourceId, @NotBlank @Size(max = 2000) @Nullable String message,
		@Nullable Map<String, Object> details) {

	/** The levels of the activity log. */
	static final String LEVELS = "info|success|warn|error";

	/** Event types: lower-case words (digits, hyphens, underscores) joined by dots. */
	static final String TYPE = "[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*";

}
