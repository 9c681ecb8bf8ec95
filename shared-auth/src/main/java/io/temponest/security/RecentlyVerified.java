package io.temponest.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * Credentials verified recently, held in process so that the same credential presented
 * again is not verified again: a fixed number of slots chosen by the key's hash (a
 * colliding key replaces the older entry), each usable until the limit it was put with. A
 * hit requires the whole key to be equal. Revocation is not remembered here; callers
 * check it on every use.
 *
 * @param <V> what a verification produced
 */
public final class RecentlyVerified<V> {

	private final AtomicReferenceArray<@Nullable Entry<V>> slots;

	private final int mask;

	private final Clock clock;

	/**
	 * Create the holder.
	 * @param capacity the number of slots, rounded up to a power of two
	 * @param clock the clock that limits are compared with
	 */
	public RecentlyVerified(int capacity, Clock clock) {
		int size = (capacity <= 1) ? 1 : Integer.highestOneBit(capacity - 1) << 1;
		this.slots = new AtomicReferenceArray<>(size);
		this.mask = size - 1;
		this.clock = clock;
	}

	/**
	 * What the verification of a key produced, while it is usable.
	 * @param key the credential, or a digest of it
	 * @return the value, or {@code null} when the key is not held or its limit has passed
	 */
	public @Nullable V get(String key) {
		Entry<V> entry = this.slots.get(slot(key));
		if (entry == null || !entry.key().equals(key) || !this.clock.instant().isBefore(entry.usableUntil())) {
			return null;
		}
		return entry.value();
	}

	/**
	 * Hold what the verification of a key produced.
	 * @param key the credential, or a digest of it
	 * @param value what the verification produced
	 * @param usableUntil when the entry stops being used
	 */
	public void put(String key, V value, Instant usableUntil) {
		this.slots.set(slot(key), new Entry<>(key, value, usableUntil));
	}

	/**
	 * Stop holding a key.
	 * @param key the credential, or a digest of it
	 */
	public void forget(String key) {
		int slot = slot(key);
		Entry<V> entry = this.slots.get(slot);
		if (entry != null && entry.key().equals(key)) {
			this.slots.compareAndSet(slot, entry, null);
		}
	}

	/**
	 * The clock that limits are compared with.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	private int slot(String key) {
		int hash = key.hashCode();
		return (hash ^ (hash >>> 16)) & this.mask;
	}

	/** One held key. */
	private record Entry<V>(String key, V value, Instant usableUntil) {

	}

}
