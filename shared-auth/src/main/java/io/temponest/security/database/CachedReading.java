package io.temponest.security.database;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database at most once per {@code maxAge}, for gauges that a
 * scrape reads often and together: one caller at a time reads it again when it is older
 * than that while the others get the last reading, and a failed read keeps the last
 * reading (logged at debug: the database's own health reports the outage).
 *
 * @param <T> the value
 */
public final class CachedReading<T> {

	private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

	private final String name;

	private final Supplier<T> read;

	private final Duration maxAge;

	private final Clock clock;

	private final ReentrantLock reading = new ReentrantLock();

	private volatile T value;

	private volatile Instant readAt;

	/**
	 * Create a reading that is read at the first {@link #get()}.
	 * @param name what is read (for the log)
	 * @param initial the value until a read succeeds
	 * @param read reads the value
	 * @param maxAge how long a reading is reused
	 * @param clock the clock
	 */
	public CachedReading(String name, T initial, Supplier<T> read, Duration maxAge, Clock clock) {
		this.name = name;
		this.value = initial;
		this.read = read;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * The last reading, read again first when it is older than {@code maxAge} and no
	 * other caller is reading it.
	 * @return the value
	 */
	public T get() {
		if (stale() && this.reading.tryLock()) {
			try {
				if (stale()) {
					try {
						this.value = this.read.get();
					}
					catch (RuntimeException ex) {
						log.debug("Could not read {}: {}", this.name, ex.toString());
					}
					this.readAt = this.clock.instant();
				}
			}
			finally {
				this.reading.unlock();
			}
		}
		return this.value;
	}

	private boolean stale() {
		Instant at = this.readAt;
		Instant now = this.clock.instant();
		return at == null || !now.isBefore(at.plus(this.maxAge)) || now.isBefore(at);
	}

}
