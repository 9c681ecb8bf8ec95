package io.temponest.cache.ratelimit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;

/**
 * In-process rate-limit buckets, at most {@code maxKeys} of them (the oldest is dropped
 * to make room). A bucket is created while Redis is unavailable, holding this instance's
 * share of the route's limit, and is remembered for one period of the route after its
 * last use in fallback, so that the quota a caller used during an outage still counts
 * once Redis is back; the tokens taken in fallback are kept until Redis is charged with
 * them.
 */
final class LocalBuckets {

	private final int maxKeys;

	private final TimeMeter time;

	private final Map<String, Entry> entries = new LinkedHashMap<>();

	/** The number of entries, read without the lock: most of the time there are none. */
	private volatile int count;

	LocalBuckets(int maxKeys) {
		this(maxKeys, TimeMeter.SYSTEM_MILLISECONDS);
	}

	LocalBuckets(int maxKeys, TimeMeter time) {
		this.maxKeys = Math.max(1, maxKeys);
		this.time = time;
	}

	/**
	 * The bucket to serve a request from while Redis is unavailable: the remembered one,
	 * else a new bucket of {@code share} tokens per period. Either way it is remembered
	 * for one more period from now.
	 * @param key the bucket key
	 * @param route the route
	 * @param share this instance's share of the route's limit, at least one
	 * @return the bucket
	 */
	synchronized Bucket fallback(String key, RateLimitRoute route, int share) {
		long now = this.time.currentTimeNanos();
		Entry entry = current(key, now);
		if (entry == null) {
			if (this.entries.size() >= this.maxKeys) {
				Iterator<Entry> oldest = this.entries.values().iterator();
				oldest.next();
				oldest.remove();
			}
			entry = new Entry(bucket(route, share), route);
			this.entries.put(key, entry);
			this.count = this.entries.size();
		}
		entry.lastFallbackUse = now;
		return entry.bucket;
	}

	/**
	 * The bucket a request used in fallback within the last period of its route, if any.
	 * @param key the bucket key
	 * @return the bucket, or {@code null} when none is remembered
	 */
	@Nullable Bucket remembered(String key) {
		if (this.count == 0) {
			return null;
		}
		synchronized (this) {
			Entry entry = current(key, this.time.currentTimeNanos());
			return (entry != null) ? entry.bucket : null;
		}
	}

	/**
	 * Count tokens taken in fallback (or given back, negative) that Redis has not been
	 * charged with yet.
	 * @param key the bucket key
	 * @param tokens the tokens
	 */
	synchronized void recordOutageUse(String key, long tokens) {
		Entry entry = this.entries.get(key);
		if (entry != null) {
			entry.unchargedInRedis = Math.max(0, entry.unchargedInRedis + tokens);
		}
	}

	/**
	 * The tokens taken in fallback that Redis has not been charged with, per key; they
	 * count as charged from now on.
	 * @return the uncharged use, possibly empty
	 */
	synchronized List<OutageUse> takeOutageUse() {
		List<OutageUse> uses = new ArrayList<>();
		this.entries.forEach((key, entry) -> {
			if (entry.unchargedInRedis > 0) {
				uses.add(new OutageUse(key, entry.route, entry.unchargedInRedis));
				entry.unchargedInRedis = 0;
			}
		});
		return uses;
	}

	synchronized int size() {
		return this.entries.size();
	}

	private @Nullable Entry current(String key, long now) {
		Entry entry = this.entries.get(key);
		if (entry != null && now - entry.lastFallbackUse >= entry.route.period().toNanos()) {
			this.entries.remove(key);
			this.count = this.entries.size();
			return null;
		}
		return entry;
	}

	private Bucket bucket(RateLimitRoute route, int share) {
		Bandwidth bandwidth = Bandwidth.builder().capacity(share).refillIntervally(share, route.period()).build();
		return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(this.time).build();
	}

	/**
	 * Tokens a caller took in fallback that Redis has not been charged with.
	 *
	 * @param key the bucket key
	 * @param route the route
	 * @param tokens the tokens
	 */
	record OutageUse(String key, RateLimitRoute route, long tokens) {
	}

	/** A bucket, when it was last used in fallback, and the use Redis has not seen. */
	private static final class Entry {

		private final Bucket bucket;

		private final RateLimitRoute route;

		private long lastFallbackUse;

		private long unchargedInRedis;

		Entry(Bucket bucket, RateLimitRoute route) {
			this.bucket = bucket;
			this.route = route;
		}

	}

}
