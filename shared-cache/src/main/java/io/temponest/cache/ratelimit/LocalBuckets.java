package io.temponest.cache.ratelimit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;

/**
 * In-process rate-limit buckets used while Redis is unavailable, at most {@code maxKeys}
 * of them: the oldest bucket is dropped to make room.
 */
final class LocalBuckets {

	private final int maxKeys;

	private final Map<String, Bucket> buckets = new LinkedHashMap<>();

	LocalBuckets(int maxKeys) {
		this.maxKeys = Math.max(1, maxKeys);
	}

	synchronized Bucket bucket(String key, RateLimitRoute route) {
		Bucket bucket = this.buckets.get(key);
		if (bucket == null) {
			if (this.buckets.size() >= this.maxKeys) {
				Iterator<Bucket> oldest = this.buckets.values().iterator();
				oldest.next();
				oldest.remove();
			}
			bucket = Bucket.builder().addLimit(route.bandwidth()).build();
			this.buckets.put(key, bucket);
		}
		return bucket;
	}

	synchronized int size() {
		return this.buckets.size();
	}

}
