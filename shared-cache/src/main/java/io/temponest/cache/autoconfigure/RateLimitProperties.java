package io.temponest.cache.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per route.
 *
 * @param enabled Whether to limit requests to the configured routes.
 * @param routes Limited routes by id; the id is part of the Redis bucket key and the
 * value of the route metric tag.
 * @param fallbackMaxKeys Maximum number of in-process buckets kept while Redis is
 * unavailable, the oldest dropped first.
 * @param instances How instances of the service find each other, so that each one
 * enforces only its share of every limit while Redis is unavailable.
 */
@ConfigurationProperties("platform.ratelimit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue Map<String, Route> routes,
		@DefaultValue("100000") int fallbackMaxKeys, @DefaultValue Instances instances) {

	/**
	 * Presence of the service's instances in Redis.
	 *
	 * @param heartbeat How often each instance refreshes its presence in Redis and counts
	 * its peers; an instance that stops refreshing is forgotten after three heartbeats.
	 * @param minimum The fewest instances assumed to share each limit while Redis is
	 * unavailable, e.g. the deployment's replica count, for an instance that starts
	 * during an outage.
	 */
	public record Instances(@DefaultValue("5s") Duration heartbeat, @DefaultValue("1") int minimum) {

	}

	/**
	 * One limited route.
	 *
	 * @param method HTTP method to limit, any method when not set.
	 * @param path Spring path pattern, such as /api-keys/{id}; one bucket per caller
	 * covers every path it matches, with or without a trailing slash.
	 * @param limit Requests allowed per period.
	 * @param period Length of the window, which starts at the caller's first request.
	 */
	public record Route(@Nullable String method, String path, int limit, @DefaultValue("1m") Duration period) {

	}

}
