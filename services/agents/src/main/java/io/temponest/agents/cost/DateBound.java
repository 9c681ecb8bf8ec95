package io.temponest.agents.cost;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A {@code start_date} or {@code end_date} query parameter: an ISO date (a whole UTC day)
 * or an ISO date-time (an instant; without an offset it is UTC). Spring converts the
 * parameter with {@link #valueOf(String)}; text that is neither is a bad request.
 *
 * @param instant the instant the text names (the start of the day for a date)
 * @param wholeDay whether the text is a date
 */
@Schema(type = "string", description = "An ISO date (a whole UTC day) or date-time (UTC without an offset)",
		example = "2026-12-07")
record DateBound(Instant instant, boolean wholeDay) {

	private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("9999-12-31T00:00:00Z");

	/**
	 * Parse a parameter.
	 * @param text the text
	 * @return the bound
	 * @throws IllegalArgumentException when the text is neither a date nor a date-time
	 */
	public static DateBound valueOf(String text) {
		String value = text.trim();
		DateBound bound;
		try {
			if (value.length() <= 10) {
				bound = new DateBound(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
			}
			else if (hasOffset(value)) {
				bound = new DateBound(OffsetDateTime.parse(value).toInstant(), false);
			}
			else {
				bound = new DateBound(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC), false);
			}
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not an ISO date or date-time", ex);
		}
		if (bound.instant().isBefore(FIRST) || !bound.instant().isBefore(LAST)) {
			throw new IllegalArgumentException("Not between the years 1 and 9999");
		}
		return bound;
	}

	/**
	 * The first instant a range starting here includes.
	 * @return the instant
	 */
	Instant from() {
		return this.instant;
	}

	/**
	 * The first instant a range ending here excludes: the next day for a date (the day is
	 * included), the instant itself for a date-time.
	 * @return the instant
	 */
	Instant until() {
		return this.wholeDay ? this.instant.plus(Duration.ofDays(1)) : this.instant;
	}

	private static boolean hasOffset(String value) {
		int time = value.indexOf('T');
		return value.endsWith("Z") || value.endsWith("z")
				|| (time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0));
	}

}
