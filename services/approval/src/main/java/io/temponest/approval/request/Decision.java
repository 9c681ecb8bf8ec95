package io.temponest.approval.request;

import java.util.Locale;

/** What one person decided on a request. */
public enum Decision {

	/** Approve. */
	APPROVED,
	/** Deny: the request ends at once. */
	DENIED;

	/**
	 * The name on the wire and in the database.
	 * @return the lower-case name
	 */
	public String wire() {
		return name().toLowerCase(Locale.ROOT);
	}

}
