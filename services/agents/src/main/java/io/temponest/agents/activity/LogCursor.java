package io.temponest.agents.activity;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the activity log ends: the last row's time and id, given to clients as
 * an opaque URL-safe token.
 *
 * @param occurredAt the last row's time (microseconds)
 * @param id the last row's id
 */
record LogCursor(Instant occurredAt, UUID id) {

	private static final char SEPARATOR = ':';

	/** The latest time a cursor may name. */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/** The earliest time a cursor may name. */
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.occurredAt);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((micros + String.valueOf(SEPARATOR) + this.id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a token stands for.
	 * @param token a token of {@link #encode()}
	 * @return the cursor
	 * @throws ActivityProblems.InvalidCursorException when the token is none of ours
	 */
	static LogCursor decode(String token) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			int separator = text.indexOf(SEPARATOR);
			if (separator < 1 || text.length() - separator - 1 != 36) {
				throw new ActivityProblems.InvalidCursorException();
			}
			long micros = Long.parseLong(text.substring(0, separator));
			UUID id = UUID.fromString(text.substring(separator + 1));
			Instant occurredAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
			if (occurredAt.isAfter(LATEST) || occurredAt.isBefore(EARLIEST)) {
				throw new ActivityProblems.InvalidCursorException();
			}
			return new LogCursor(occurredAt, id);
		}
		catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
			throw new ActivityProblems.InvalidCursorException();
		}
	}

}
