package io.temponest.security.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Moves values JDBC does not map directly in and out of PostgreSQL: {@code timestamptz}
 * as {@link Instant} (parameters and columns) and {@code text[]} columns as lists.
 */
public final class Rows {

	private Rows() {
	}

	/**
	 * Read a nullable {@code timestamptz} column.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant, or {@code null}
	 * @throws SQLException on a read failure
	 */
	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * Read a {@code timestamptz NOT NULL} column.
	 * @param rs the result set
	 * @param column the column
	 * @return the instant
	 * @throws SQLException on a read failure
	 */
	public static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
		Instant value = instant(rs, column);
		if (value == null) {
			throw new SQLException("Column " + column + " is null");
		}
		return value;
	}

	/**
	 * A value for a {@code timestamptz} parameter.
	 * @param instant the instant
	 * @return the same instant at UTC, which the driver sends with its offset
	 */
	public static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	/**
	 * Read a {@code text[]} column.
	 * @param rs the result set
	 * @param column the column
	 * @return the strings, empty for {@code NULL}
	 * @throws SQLException on a read failure
	 */
	public static List<String> strings(ResultSet rs, String column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		if (array == null) {
			return List.of();
		}
		try {
			return List.of((String[]) array.getArray());
		}
		finally {
			array.free();
		}
	}

}
