package io.temponest.agents.project;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of runs ends: the last run's creation time and id, given to clients as an
 * opaque URL-safe token.
 *
 * @param createdAt the last run's creation time (microseconds)
 * @param id the last run's id
 */
record RunCursor(Instant createdAt, UUID id) {

	private static final char SEPARATOR = ':';

	/** The latest creation time a cursor may name. */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	String encode() {
		long micros = ChronoUnit.MICROS.between(Instant.EPOCH, this.createdAt);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((micros + String.valueOf(SEPARATOR) + this.id).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a token stands for.
	 * @param token a token of {@link #encode()}
	 * @return the cursor
	 * @throws ProjectProblems.InvalidCursorException when the token is none of ours
	 */
	static RunCursor decode(String token) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			int separator = text.indexOf(SEPARATOR);
			if (separator < 1 || text.length() - separator - 1 != 36) {
				throw new ProjectProblems.InvalidCursorException();
			}
			long micros = Long.parseLong(text.substring(0, separator));
			UUID id = UUID.fromString(text.substring(separator + 1));
			if (micros < 0) {
				throw new ProjectProblems.InvalidCursorException();
			}
			Instant createdAt = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
			if (createdAt.isAfter(LATEST)) {
				throw new ProjectProblems.InvalidCursorException();
			}
			return new RunCursor(createdAt, id);
		}
		catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException ex) {
			throw new ProjectProblems.InvalidCursorException();
		}
	}

}
