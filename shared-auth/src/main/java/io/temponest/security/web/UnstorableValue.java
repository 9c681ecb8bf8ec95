package io.temponest.security.web;

import java.sql.SQLException;
import java.util.Set;

/**
 * Recognises database errors caused by a value the client sent rather than by the
 * service: PostgreSQL's data exceptions for text it cannot store (a NUL character,
 * invalid encoding), a value too long for its column, a number out of range, or text that
 * is not a valid date, number or UUID. The statement failed and its transaction rolled
 * back, so nothing was stored; the request is answered 422 like any other invalid input.
 */
final class UnstorableValue {

	/**
	 * SQLSTATE codes of class 22 (data exception) that only client-supplied values cause.
	 */
	private static final Set<String> CLIENT_DATA_STATES = Set.of("22001", // string_data_right_truncation
			"22003", // numeric_value_out_of_range
			"22007", // invalid_datetime_format
			"22008", // datetime_field_overflow
			"22021", // character_not_in_repertoire (NUL, invalid UTF-8)
			"22P02", // invalid_text_representation
			"22P05" // untranslatable_character (NUL in jsonb)
	);

	private UnstorableValue() {
	}

	/**
	 * Whether a failure was caused by a value the database refused to store.
	 * @param failure the failure
	 * @return whether a client-data SQL error is among its causes
	 */
	static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& CLIENT_DATA_STATES.contains(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}
