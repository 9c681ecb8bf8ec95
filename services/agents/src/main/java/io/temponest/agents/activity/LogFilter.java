package io.temponest.agents.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the log viewer asks for; every part is optional.
 *
 * @param agent rows of this role or agent
 * @param project rows of this project (its slug or, for executions, the caller's project
 * id): the row's resource or the {@code project} of its details
 * @param level rows of this level
 * @param service rows of this service
 * @param search words the row's message, action or resource contains (web search syntax:
 * quotes, {@code or}, {@code -word})
 * @param from rows at or after this time
 * @param to rows before this time
 */
record LogFilter(@Nullable String agent, @Nullable String project, @Nullable String level, @Nullable String service,
		@Nullable String search, @Nullable Instant from, @Nullable Instant to) {

}
