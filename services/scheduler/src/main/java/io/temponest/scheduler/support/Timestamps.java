package io.temponest.scheduler.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/** Moves instants in and out of {@code timestamptz} columns. */
public final class Timestamps {

	private Timestamps() {
	}

	/**
	 * A value for a {@code timestamptz} parameter.
	 * @param instant the instant or {@code null}
	 * @return the instant at UTC, which the driver sends with its offset
	 */
	public static @Nullable OffsetDateTime parameter(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * Read a nullable {@code timestamptz} column.
	 * @param rs the row
	 * @param column the column
	 * @return the instant or {@code null}
	 * @throws SQLException on a read failure
	 */
	public static @Nullable Instant read(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * Read a {@code timestamptz NOT NULL} column.
	 * @param rs the row
	 * @param column the column
	 * @return the instant
	 * @throws SQLException on a read failure or a {@code NULL}
	 */
	public static Instant readRequired(ResultSet rs, String column) throws SQLException {
		Instant value = read(rs, column);
		if (value == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return value;
	}

}
