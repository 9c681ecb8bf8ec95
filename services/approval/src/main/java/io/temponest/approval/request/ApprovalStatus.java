package io.temponest.approval.request;

import java.util.Locale;

/** The states of an approval request: pending until approved, denied or expired. */
public enum ApprovalStatus {

	/** Waiting for decisions. */
	PENDING,
	/** Approved by as many distinct people as it required. */
	APPROVED,
	/** Denied by someone. */
	DENIED,
	/** No decision came in time. */
	EXPIRED;

	/** The wire names, as a validation pattern. */
	public static final String PATTERN = "pending|approved|denied|expired";

	/**
	 * The name on the wire and in the database.
	 * @return the lower-case name
	 */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The status of a wire name.
	 * @param wire the lower-case name
	 * @return the status
	 */
	public static ApprovalStatus of(String wire) {
		return valueOf(wire.toUpperCase(Locale.ROOT));
	}

}
