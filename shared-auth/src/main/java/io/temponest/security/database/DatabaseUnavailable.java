package io.temponest.security.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.ClassUtils;

/**
 * Recognises failures that mean the database cannot be reached right now (no connection
 * within the pool's timeout, a connection refused, cut or closed by the pool after it
 * broke, the server shutting down or starting up, including when a failed rollback hides
 * that cause): the request may succeed if retried shortly, so it is answered 503 with
 * {@code Retry-After}, never 500.
 */
public final class DatabaseUnavailable {

	/** SQLSTATE codes of a server that is going away or not ready yet. */
	private static final Set<String> SERVER_STATES = Set.of("57P01", // admin_shutdown
			"57P02", // crash_shutdown
			"57P03" // cannot_connect_now
	);

	private static final boolean TRANSACTIONS_PRESENT = ClassUtils.isPresent(
			"org.springframework.transaction.TransactionSystemException", DatabaseUnavailable.class.getClassLoader());

	/** Where Hikari throws for a connection it has already closed (broken, evicted). */
	private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

	private DatabaseUnavailable() {
	}

	/**
	 * Hikari replaces a connection it found broken by a closed one whose every call
	 * throws an {@link SQLException} without SQLSTATE.
	 */
	private static boolean isClosedPooledConnection(Throwable cause) {
		if (!(cause instanceof SQLException) || ((SQLException) cause).getSQLState() != null) {
			return false;
		}
		StackTraceElement[] frames = cause.getStackTrace();
		return frames.length > 0 && frames[0].getClassName().startsWith(HIKARI_CLOSED_CONNECTION);
	}

	/**
	 * Reads Spring's transaction exceptions, only where Spring's transaction support is
	 * present.
	 */
	private static final class Transactions {

		private Transactions() {
		}

		static @Nullable Throwable overriddenFailure(Throwable cause) {
			return (cause instanceof TransactionSystemException system) ? system.getApplicationException() : null;
		}

	}

	/**
	 * Whether a failure is the connection pool running out of time while every connection
	 * was in use: the database answers, the service is only busy. The pool reports the
	 * last failure to open a connection as the cause of its timeout; a timeout without
	 * one means no connection attempt failed.
	 * @param failure the failure
	 * @return whether a pool timeout without a connection failure is among its causes
	 */
	public static boolean isBusyPool(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLTransientConnectionException timeout && timeout.getCause() == null
					&& timeout.getSQLState() == null && timeout.getNextException() == null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a failure was caused by the database being unreachable.
	 * @param failure the failure
	 * @return whether a connection failure is among its causes
	 */
	public static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (TRANSACTIONS_PRESENT && Transactions.overriddenFailure(cause) instanceof Throwable overridden
					&& isCauseOf(overridden)) {
				// a failed rollback (on a connection that is gone) hides the failure that
				// caused it
				return true;
			}
			if (isClosedPooledConnection(cause)) {
				return true;
			}
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
