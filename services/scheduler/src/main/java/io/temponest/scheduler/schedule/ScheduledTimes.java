package io.temponest.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads {@code scheduled_time}: an ISO-8601 date-time with an offset, or without one
 * meaning UTC (the original stored naive UTC timestamps and its clients send them).
 */
final class ScheduledTimes {

	static final String FORMAT_MESSAGE = "must be an ISO-8601 date-time such as 2026-01-31T09:00:00Z";

	private ScheduledTimes() {
	}

	static Parsed parse(@Nullable String text) {
		if (text == null) {
			return new Parsed(null, false);
		}
		try {
			return new Parsed(OffsetDateTime.parse(text).toInstant(), false);
		}
		catch (DateTimeParseException ex) {
			try {
				return new Parsed(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC), false);
			}
			catch (DateTimeParseException ignored) {
				return new Parsed(null, true);
			}
		}
	}

	/**
	 * The outcome of reading a {@code scheduled_time}.
	 *
	 * @param instant the instant, or {@code null} when absent or invalid
	 * @param invalid whether text was given but is not a date-time
	 */
	record Parsed(@Nullable Instant instant, boolean invalid) {

	}

}
