package io.temponest.scheduler.execution;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where an execution stands; all but the first two are final. */
public enum ExecutionStatus {

	/** Waiting for its first attempt or for a retry. */
	PENDING,

	/** An attempt holds a lease and is calling the agent. */
	RUNNING,

	/** The agent completed the task. */
	COMPLETED,

	/** The last attempt failed. */
	FAILED,

	/** Cancelled (not written by this version). */
	CANCELLED,

	/** The last attempt timed out. */
	TIMEOUT,

	/**
	 * Never attempted: the occurrence (and the others counted in its
	 * {@code error_message}) was found more than the misfire threshold late.
	 */
	SKIPPED;

	/**
	 * The wire and database name.
	 * @return the lower-case name
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status of a wire or database name (query parameters use it too).
	 * @param value the name, case-insensitive
	 * @return the status
	 * @throws IllegalArgumentException for any other name
	 */
	public static ExecutionStatus of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
