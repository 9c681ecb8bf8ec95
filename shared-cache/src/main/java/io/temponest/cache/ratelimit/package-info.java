/**
 * Per-route rate limiting with Bucket4j buckets in Redis and in-process fallback buckets.
 */
@NullMarked
package io.temponest.cache.ratelimit;

import org.jspecify.annotations.NullMarked;
