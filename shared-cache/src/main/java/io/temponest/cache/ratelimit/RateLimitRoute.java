package io.temponest.cache.ratelimit;

import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One limited route: requests with a method (or any) whose path matches a
 * {@link PathPattern} share, per caller, a bucket of {@code limit} requests that refills
 * completely every {@code period} (a fixed window that starts at the caller's first
 * request).
 */
public final class RateLimitRoute {

	private static final Unit[] UNITS = { new Unit("day", Duration.ofDays(1)), new Unit("hour", Duration.ofHours(1)),
			new Unit("minute", Duration.ofMinutes(1)), new Unit("second", Duration.ofSeconds(1)) };

	private final String id;

	private final @Nullable HttpMethod method;

	private final PathPattern pattern;

	private final int limit;

	private final Duration period;

	private final BucketConfiguration bucketConfiguration;

	private RateLimitRoute(String id, @Nullable HttpMethod method, PathPattern pattern, int limit, Duration period) {
		this.id = id;
		this.method = method;
		this.pattern = pattern;
		this.limit = limit;
		this.period = period;
		this.bucketConfiguration = BucketConfiguration.builder().addLimit(bandwidth()).build();
	}

	/**
	 * Create a route.
	 * @param id the route id, used in bucket keys and metric tags
	 * @param method the HTTP method, or {@code null} for any
	 * @param path a Spring path pattern such as {@code /api-keys/{id}}; a trailing slash
	 * is ignored, on the pattern and on requests
	 * @param limit requests allowed per period, positive
	 * @param period the window length, at least one millisecond
	 * @return the route
	 */
	public static RateLimitRoute of(String id, @Nullable String method, String path, int limit, Duration period) {
		Assert.hasText(id, "A rate-limit route needs an id");
		Assert.isTrue(id.indexOf(':') < 0, () -> "Rate-limit route id '" + id + "' must not contain ':'");
		Assert.hasText(path, () -> "Rate-limit route '" + id + "' needs a path");
		Assert.isTrue(limit > 0, () -> "Rate-limit route '" + id + "' needs a positive limit");
		Assert.isTrue(period != null && period.toMillis() > 0,
				() -> "Rate-limit route '" + id + "' needs a period of at least 1ms");
		HttpMethod httpMethod = StringUtils.hasText(method) ? HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT))
				: null;
		PathPattern pattern = PathPatternParser.defaultInstance.parse(withoutTrailingSlash(path.trim()));
		return new RateLimitRoute(id, httpMethod, pattern, limit, period);
	}

	/** The route id. */
	public String id() {
		return this.id;
	}

	/** The HTTP method, or {@code null} for any. */
	public @Nullable HttpMethod method() {
		return this.method;
	}

	/** The path pattern, without trailing slash. */
	public PathPattern pattern() {
		return this.pattern;
	}

	/** Requests allowed per period. */
	public int limit() {
		return this.limit;
	}

	/** The window length. */
	public Duration period() {
		return this.period;
	}

	/**
	 * The limit in words, as the original service wrote it, e.g. {@code 5 per 1 minute}
	 * or {@code 10 per 15 minutes}.
	 * @return the description
	 */
	public String description() {
		for (Unit unit : UNITS) {
			if (this.period.toMillis() % unit.length().toMillis() == 0) {
				long count = this.period.toMillis() / unit.length().toMillis();
				return this.limit + " per " + count + " " + unit.name() + ((count == 1) ? "" : "s");
			}
		}
		return this.limit + " per " + this.period.toMillis() + " milliseconds";
	}

	boolean matches(String requestMethod, PathContainer requestPath) {
		return (this.method == null || this.method.matches(requestMethod)) && this.pattern.matches(requestPath);
	}

	BucketConfiguration bucketConfiguration() {
		return this.bucketConfiguration;
	}

	Bandwidth bandwidth() {
		return Bandwidth.builder().capacity(this.limit).refillIntervally(this.limit, this.period).build();
	}

	@Override
	public String toString() {
		return this.id + " (" + ((this.method != null) ? this.method.name() : "*") + " " + this.pattern + ", "
				+ description() + ")";
	}

	static String withoutTrailingSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	/** A unit that periods are written in. */
	private record Unit(String name, Duration length) {
	}

}
