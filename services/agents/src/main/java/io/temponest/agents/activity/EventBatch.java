package io.temponest.agents.activity;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Events relayed in one request.
 *
 * @param events 1 to {@value #MAX_EVENTS} events
 */
record EventBatch(@NotNull @Size(min = 1, max = MAX_EVENTS) @Nullable List<@Valid @NotNull PlatformEvent> events) {

	/** Most events in one request. */
	static final int MAX_EVENTS = 100;

}
