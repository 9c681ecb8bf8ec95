package io.temponest.security.database;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
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

	private final long maxAgeNanos;

	private final LongSupplier nanoTime;

	private final ReentrantLock reading = new ReentrantLock();

	private volatile T value;

	private volatile long readAt;

	private volatile boolean hasRead;

	/**
	 * Create a reading that is read at the first {@link #get()}.
	 * @param name what is read (for the log)
	 * @param initial the value until a read succeeds
	 * @param read reads the value
	 * @param maxAge how long a reading is reused
	 */
	public CachedReading(String name, T initial, Supplier<T> read, Duration maxAge) {
		this(name, initial, read, maxAge, System::nanoTime);
	}

	CachedReading(String name, T initial, Supplier<T> read, Duration maxAge, LongSupplier nanoTime) {
		this.name = name;
		this.value = initial;
		this.read = read;
		this.maxAgeNanos = maxAge.toNanos();
		this.nanoTime = nanoTime;
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
					this.readAt = this.nanoTime.getAsLong();
					this.hasRead = true;
				}
			}
			finally {
				this.reading.unlock();
			}
		}
		return this.value;
	}

	private boolean stale() {
		return !this.hasRead || this.nanoTime.getAsLong() - this.readAt >= this.maxAgeNanos;
	}

}
