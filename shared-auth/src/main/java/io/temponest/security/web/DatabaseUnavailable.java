package io.temponest.security.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises failures that mean the database cannot be reached right now (no connection
 * within the pool's timeout, a connection refused or cut, the server shutting down or
 * starting up): the request may succeed if retried shortly, so it is answered 503 with
 * {@code Retry-After}, never 500.
 */
final class DatabaseUnavailable {

	/** SQLSTATE codes of a server that is going away or not ready yet. */
	private static final Set<String> SERVER_STATES = Set.of("57P01", // admin_shutdown
			"57P02", // crash_shutdown
			"57P03" // cannot_connect_now
	);

	private DatabaseUnavailable() {
	}

	/**
	 * Whether a failure was caused by the database being unreachable.
	 * @param failure the failure
	 * @return whether a connection failure is among its causes
	 */
	static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || SERVER_STATES.contains(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
