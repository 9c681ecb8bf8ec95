package io.temponest.cache.ratelimit;

import java.util.List;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.RedisAvailability;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a token from the caller's bucket in Redis, the single, global source of truth;
 * while Redis is unavailable (in back-off or failing), from an in-process bucket holding
 * this instance's share of the limit ({@link InstancePresence#share(int)}), so that the
 * instances together allow no more than the limit. A caller served in process within the
 * last period of the route must also be allowed by that bucket once Redis is back, so
 * that an outage (or a Redis that returns empty) does not restart the quota; the tokens
 * taken in process are charged to Redis after the next presence heartbeat. Counts
 * {@code temponest.ratelimit.requests{route,result}} and
 * {@code temponest.ratelimit.fallback}.
 */
public final class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private final RedisBuckets redisBuckets;

	private final LocalBuckets localBuckets;

	private final RedisAvailability availability;

	private final InstancePresence presence;

	private final MeterRegistry meterRegistry;

	private final Counter fallbacks;

	/**
	 * Create a rate limiter.
	 * @param redisBuckets the shared buckets
	 * @param availability whether to try Redis, and where its failures go
	 * @param presence how many instances share each limit while Redis is unavailable
	 * @param fallbackMaxKeys how many in-process buckets to keep at most
	 * @param meterRegistry where the counters go
	 */
	public RateLimiter(RedisBuckets redisBuckets, RedisAvailability availability, InstancePresence presence,
			int fallbackMaxKeys, MeterRegistry meterRegistry) {
		this(redisBuckets, availability, presence, new LocalBuckets(fallbackMaxKeys), meterRegistry);
	}

	RateLimiter(RedisBuckets redisBuckets, RedisAvailability availability, InstancePresence presence,
			LocalBuckets localBuckets, MeterRegistry meterRegistry) {
		this.redisBuckets = redisBuckets;
		this.localBuckets = localBuckets;
		this.availability = availability;
		this.presence = presence;
		this.meterRegistry = meterRegistry;
		this.fallbacks = Counter.builder("temponest.ratelimit.fallback")
			.description("Rate-limit decisions taken in process because Redis was unavailable")
			.register(meterRegistry);
		presence.afterHeartbeat(this::chargeOutageUse);
	}

	RateLimitDecision tryAcquire(RateLimitRoute route, String key) {
		RateLimitDecision decision = decide(route, key);
		Counter.builder("temponest.ratelimit.requests")
			.description("Requests to rate-limited routes")
			.tag("route", route.id())
			.tag("result", decision.allowed() ? "allowed" : "rejected")
			.register(this.meterRegistry)
			.increment();
		return decision;
	}

	void refund(RateLimitDecision decision) {
		Bucket local = decision.localBucket();
		Bucket redis = decision.redisBucket();
		if (local != null) {
			local.addTokens(1);
			if (redis == null) {
				this.localBuckets.recordOutageUse(decision.key(), -1);
			}
		}
		if (redis != null && this.availability.isAvailable()) {
			try {
				redis.addTokens(1);
				this.availability.reportSuccess();
			}
			catch (RuntimeException ex) {
				this.availability.reportFailure("ratelimit.refund", ex);
			}
		}
	}

	private RateLimitDecision decide(RateLimitRoute route, String key) {
		if (this.availability.isAvailable()) {
			RateLimitDecision decision = tryRedis(route, key);
			if (decision != null) {
				return decision;
			}
		}
		this.fallbacks.increment();
		Bucket local = this.localBuckets.fallback(key, route, this.presence.share(route.limit()));
		ConsumptionProbe probe = local.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			return RateLimitDecision.rejected(route, key, probe.getNanosToWaitForRefill());
		}
		this.localBuckets.recordOutageUse(key, 1);
		return new RateLimitDecision(route, key, true, probe.getRemainingTokens(), 0, null, local);
	}

	/**
	 * Charge Redis with the tokens taken in process since it was last reachable, so that
	 * every instance sees them, even for callers this instance never serves again; called
	 * after each presence heartbeat that reached Redis. Takes what the Redis bucket still
	 * has, never more.
	 */
	void chargeOutageUse() {
		List<LocalBuckets.OutageUse> uses = this.localBuckets.takeOutageUse();
		long tokens = 0;
		for (int i = 0; i < uses.size(); i++) {
			LocalBuckets.OutageUse use = uses.get(i);
			try {
				this.redisBuckets.bucket(use.key(), use.route()).tryConsumeAsMuchAsPossible(use.tokens());
				tokens += use.tokens();
			}
			catch (RuntimeException ex) {
				this.availability.reportFailure("ratelimit.charge", ex);
				uses.subList(i, uses.size())
					.forEach((left) -> this.localBuckets.recordOutageUse(left.key(), left.tokens()));
				return;
			}
		}
		if (tokens > 0) {
			log.info("Charged Redis with {} request(s) of {} caller(s) limited in process while it was unavailable",
					tokens, uses.size());
		}
	}

	/**
	 * Charge the Redis bucket and, when the caller was served in process within the last
	 * period, the remembered bucket too: a request needs a token from both.
	 * @return the decision, or {@code null} when Redis failed
	 */
	private @Nullable RateLimitDecision tryRedis(RateLimitRoute route, String key) {
		Bucket local = this.localBuckets.remembered(key);
		ConsumptionProbe localProbe = null;
		if (local != null) {
			localProbe = local.tryConsumeAndReturnRemaining(1);
			if (!localProbe.isConsumed()) {
				return RateLimitDecision.rejected(route, key, localProbe.getNanosToWaitForRefill());
			}
		}
		ConsumptionProbe probe;
		Bucket redis;
		try {
			redis = this.redisBuckets.bucket(key, route);
			probe = redis.tryConsumeAndReturnRemaining(1);
			this.availability.reportSuccess();
		}
		catch (RuntimeException ex) {
			this.availability.reportFailure("ratelimit.consume", ex);
			if (local != null) {
				// the fallback takes its token from the same bucket
				local.addTokens(1);
			}
			return null;
		}
		if (!probe.isConsumed()) {
			if (local != null) {
				local.addTokens(1);
			}
			return RateLimitDecision.rejected(route, key, probe.getNanosToWaitForRefill());
		}
		long remaining = (localProbe != null) ? Math.min(probe.getRemainingTokens(), localProbe.getRemainingTokens())
				: probe.getRemainingTokens();
		return new RateLimitDecision(route, key, true, remaining, 0, redis, local);
	}

}
