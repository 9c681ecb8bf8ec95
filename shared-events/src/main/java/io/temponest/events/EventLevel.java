package io.temponest.events;

import java.util.Locale;

/** How an event is shown in the console's log viewer; sent in lower case. */
public enum EventLevel {

	/** Something happened. */
	INFO,

	/** Something finished well. */
	SUCCESS,

	/** Something needs attention. */
	WARN,

	/** Something failed. */
	ERROR;

	/**
	 * The level as sent.
	 * @return {@code info}, {@code success}, {@code warn} or {@code error}
	 */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
