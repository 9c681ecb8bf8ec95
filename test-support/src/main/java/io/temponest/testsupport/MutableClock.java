package io.temponest.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that tests move forward by hand. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/** A clock that starts now. */
	public MutableClock() {
		this(Instant.now());
	}

	/**
	 * A clock that starts at the given instant.
	 * @param start the first instant
	 */
	public MutableClock(Instant start) {
		this.now = start;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.now;
	}

}
