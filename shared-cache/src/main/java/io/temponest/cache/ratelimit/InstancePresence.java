package io.temponest.cache.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.cache.RedisAvailability;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Counts the live instances of a service, so that while Redis is unavailable each one
 * enforces only its share of every limit. Every instance refreshes its entry in a Redis
 * sorted set (scored by expiry on the Redis server's clock, the whole key expiring after
 * three heartbeats) in the background and reads the entries of its peers; during an
 * outage the last known count is kept. Publishes the gauge
 * {@code temponest.ratelimit.instances}. As a {@link SmartLifecycle} in the default phase
 * it starts after, and stops (leaving the set) before, Redis's connection factory (phase
 * 0).
 */
public final class InstancePresence implements SmartLifecycle, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(InstancePresence.class);

	private static final int HEARTBEATS_TO_LIVE = 3;

	private static final String HEARTBEAT_SCRIPT = """
			local time = redis.call('TIME')
			local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
			local ttl = tonumber(ARGV[2])
			redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
			redis.call('PEXPIRE', KEYS[1], ttl)
			return redis.call('ZRANGE', KEYS[1], 0, -1)
			""";

	private static final String LEAVE_SCRIPT = "return redis.call('ZREM', KEYS[1], ARGV[1])";

	private final RedisBuckets redis;

	private final RedisAvailability availability;

	private final String key;

	private final String instanceId = UUID.randomUUID().toString();

	private final Duration heartbeat;

	private final int minimum;

	private final Object lock = new Object();

	private final List<Runnable> afterHeartbeat = new CopyOnWriteArrayList<>();

	private volatile Known known = new Known(0, -1);

	private @Nullable ScheduledExecutorService scheduler;

	private boolean left;

	/**
	 * Create the presence of one instance; {@link #start()} begins the heartbeats.
	 * @param redis the rate-limit connection to Redis
	 * @param availability whether to try Redis, and where its failures go
	 * @param key the Redis key of the service's instances (with the platform prefix)
	 * @param heartbeat how often to refresh; an entry lives three heartbeats
	 * @param minimum the fewest instances to assume, at least one
	 * @param meterRegistry where the gauge goes
	 */
	public InstancePresence(RedisBuckets redis, RedisAvailability availability, String key, Duration heartbeat,
			int minimum, MeterRegistry meterRegistry) {
		Assert.isTrue(heartbeat.toMillis() > 0, "The presence heartbeat must be at least 1ms");
		Assert.isTrue(minimum > 0, "The minimum number of instances must be positive");
		this.redis = redis;
		this.availability = availability;
		this.key = key;
		this.heartbeat = heartbeat;
		this.minimum = minimum;
		Gauge.builder("temponest.ratelimit.instances", this, InstancePresence::instances)
			.description("Instances of this service that share each rate limit while Redis is unavailable")
			.register(meterRegistry);
	}

	/**
	 * Refresh this instance's entry now and then every heartbeat, in the background (in a
	 * Spring context: when the context starts, after Redis's connection factory).
	 */
	@Override
	public void start() {
		synchronized (this.lock) {
			if (this.scheduler == null) {
				ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
						Thread.ofPlatform().name("ratelimit-presence").daemon().factory());
				started.scheduleWithFixedDelay(this::refresh, 0, this.heartbeat.toMillis(), TimeUnit.MILLISECONDS);
				this.scheduler = started;
				this.left = false;
			}
		}
	}

	/**
	 * Stop the heartbeats and remove this instance's entry, so that its peers count one
	 * instance fewer at their next heartbeat (in a Spring context: before Redis's
	 * connection factory stops).
	 */
	@Override
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this.lock) {
			running = this.scheduler;
			this.scheduler = null;
			this.left = true;
		}
		if (running != null) {
			running.shutdownNow();
		}
		if (this.availability.isAvailable()) {
			try {
				call(LEAVE_SCRIPT, ScriptOutputType.INTEGER);
			}
			catch (RuntimeException ex) {
				log.debug("Could not remove the rate-limit presence of this instance", ex);
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lock) {
			return this.scheduler != null;
		}
	}

	/** Stop, unless stopped already. */
	@Override
	public void close() {
		boolean stopped;
		synchronized (this.lock) {
			stopped = this.left;
		}
		if (!stopped) {
			stop();
		}
	}

	/**
	 * How many instances share each limit while Redis is unavailable: the live instances
	 * last seen in Redis, at least the configured minimum.
	 * @return the number of instances
	 */
	public int instances() {
		return Math.max(this.minimum, this.known.count());
	}

	/**
	 * This instance's share of a limit: the limit divided by the instances, the remainder
	 * going one token each to the instances that sort first, so that the shares add up to
	 * the limit; at least one.
	 * @param limit the route's limit
	 * @return the share
	 */
	int share(int limit) {
		Known current = this.known;
		int instances = Math.max(this.minimum, current.count());
		int extra = (current.rank() >= 0 && current.rank() < limit % instances) ? 1 : 0;
		return Math.max(1, limit / instances + extra);
	}

	/**
	 * Refresh this instance's entry and count the live ones, unless Redis is in back-off.
	 */
	void refresh() {
		if (!this.availability.isAvailable()) {
			return;
		}
		try {
			List<Object> entries = call(HEARTBEAT_SCRIPT, ScriptOutputType.MULTI,
					Long.toString(this.heartbeat.toMillis() * HEARTBEATS_TO_LIVE));
			List<String> members = entries.stream()
				.map((member) -> new String((byte[]) member, StandardCharsets.UTF_8))
				.sorted()
				.toList();
			this.availability.reportSuccess();
			Known previous = this.known;
			this.known = new Known(members.size(), members.indexOf(this.instanceId));
			if (previous.count() != members.size()) {
				log.info("{} live instance(s) share each rate limit while Redis is unavailable", members.size());
			}
		}
		catch (RuntimeException ex) {
			this.availability.reportFailure("ratelimit.presence", ex);
			return;
		}
		for (Runnable task : this.afterHeartbeat) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.warn("Task after the rate-limit presence heartbeat failed", ex);
			}
		}
	}

	/**
	 * Run a task after every heartbeat that reached Redis, on the heartbeat's thread.
	 * @param task the task
	 */
	void afterHeartbeat(Runnable task) {
		this.afterHeartbeat.add(task);
	}

	private <T> T call(String script, ScriptOutputType type, String... arguments) {
		List<byte[]> parameters = new ArrayList<>();
		parameters.add(this.instanceId.getBytes(StandardCharsets.UTF_8));
		for (String argument : arguments) {
			parameters.add(argument.getBytes(StandardCharsets.UTF_8));
		}
		try {
			return this.redis.connection()
				.<T>eval(script, type, new Object[] { this.key.getBytes(StandardCharsets.UTF_8) },
						parameters.toArray(byte[][]::new))
				.get(this.redis.timeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new RedisCommandTimeoutException("Rate-limit presence call timed out after " + this.redis.timeout());
		}
		catch (ExecutionException ex) {
			throw new RedisException("Rate-limit presence call failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisException("Interrupted while calling Redis", ex);
		}
	}

	/**
	 * What the last heartbeat saw.
	 *
	 * @param count live instances
	 * @param rank this instance's position among them by id, or -1 when unknown
	 */
	private record Known(int count, int rank) {
	}

}
