package io.temponest.security.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.temponest.cache.RedisAvailability;
import io.temponest.cache.RedisKeys;
import io.temponest.security.RevokedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.DefaultTypedTuple;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The deny-list of revoked token ids (and {@code apikey:{sha256}} entries of revoked API
 * keys), held in process so that checking it costs no network round trip. Revocations go
 * to a Redis sorted set ({@code auth:revoked}, score = expiry in epoch seconds) and are
 * announced on the channel {@code auth:revocations}; every instance subscribes, and
 * re-reads the set at start and every resync interval so that a node that missed messages
 * catches up. When Redis is unreachable the last known list is kept, nothing fails, and
 * entries revoked meanwhile are announced once Redis is usable again (tried every second)
 * and written back by the next resync at the latest. Revoking records the token locally
 * at once and writes to Redis in the background, so a caller never waits for Redis.
 */
public final class RedisRevokedTokens implements RevokedTokens, SmartLifecycle, DisposableBean {

	/** Redis key (without prefix) of the sorted set of revoked token ids. */
	public static final String SET_NAME = "auth:revoked";

	/** Redis channel (without prefix) on which revocations are announced. */
	public static final String CHANNEL_NAME = "auth:revocations";

	/** How often revocations not yet announced (Redis unusable) are tried again. */
	static final long ANNOUNCE_RETRY_MILLIS = 1000;

	/** How long start-up waits for the first read of the set. */
	static final Duration BOOTSTRAP_WAIT = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(RedisRevokedTokens.class);

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listenerContainer;

	private final String setKey;

	private final String channel;

	private final RedisAvailability availability;

	private final Duration resyncInterval;

	private final Clock clock;

	private final Map<String, Long> revoked = new ConcurrentHashMap<>();

	private final Map<String, Long> unannounced = new ConcurrentHashMap<>();

	private volatile ScheduledExecutorService scheduler;

	/**
	 * Create a deny-list.
	 * @param connectionFactory connections to Redis
	 * @param keys the platform key prefix
	 * @param availability tracks whether Redis is usable
	 * @param resyncInterval how often the set is re-read
	 * @param clock the clock that decides expiry
	 */
	public RedisRevokedTokens(RedisConnectionFactory connectionFactory, RedisKeys keys, RedisAvailability availability,
			Duration resyncInterval, Clock clock) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.setKey = keys.key(SET_NAME);
		this.channel = keys.key(CHANNEL_NAME);
		this.availability = availability;
		this.resyncInterval = resyncInterval;
		this.clock = clock;
		this.listenerContainer = new RedisMessageListenerContainer();
		this.listenerContainer.setConnectionFactory(connectionFactory);
		this.listenerContainer.setTaskExecutor(Runnable::run);
		this.listenerContainer.addMessageListener(new RevocationListener(), new ChannelTopic(this.channel));
		this.listenerContainer.afterPropertiesSet();
	}

	@Override
	public boolean isRevoked(String jti) {
		if (jti == null) {
			return false;
		}
		Long expiry = this.revoked.get(jti);
		return expiry != null && expiry > now();
	}

	@Override
	public void revoke(String jti, Instant expiresAt) {
		long expiry = expiresAt.getEpochSecond();
		if (expiry <= now()) {
			return;
		}
		remember(jti, expiry);
		this.unannounced.merge(jti, expiry, Math::max);
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			try {
				executor.execute(this::announcePending);
				return;
			}
			catch (RejectedExecutionException ex) {
				// stopping: announce on the caller's thread
			}
		}
		announcePending();
	}

	/**
	 * Announce the revocations not announced yet: at once when Redis is usable, else
	 * retried every {@value #ANNOUNCE_RETRY_MILLIS} ms, so that a short Redis hiccup (or
	 * a back-off caused by another Redis user) delays an announcement by seconds, not
	 * until the next resync.
	 */
	private void announcePending() {
		if (this.unannounced.isEmpty() || !this.availability.isAvailable()) {
			return;
		}
		long now = now();
		for (Map.Entry<String, Long> entry : List.copyOf(this.unannounced.entrySet())) {
			String jti = entry.getKey();
			long expiry = entry.getValue();
			if (expiry > now) {
				try {
					this.redis.opsForZSet().add(this.setKey, jti, expiry);
					this.redis.convertAndSend(this.channel, expiry + " " + jti);
					this.availability.reportSuccess();
				}
				catch (RuntimeException ex) {
					this.availability.reportFailure("revocation.revoke", ex);
					log.warn("Could not publish a revocation; retrying every {} ms: {}", ANNOUNCE_RETRY_MILLIS,
							ex.toString());
					return;
				}
			}
			this.unannounced.remove(jti, expiry);
		}
	}

	/**
	 * Drop expired entries, then merge the Redis set into the local list and write back
	 * local entries that Redis lacks. Runs at start and every resync interval.
	 */
	public void resync() {
		long now = now();
		this.revoked.values().removeIf((expiry) -> expiry <= now);
		if (!this.availability.isAvailable()) {
			return;
		}
		if (isRunning()) {
			subscribe();
		}
		try {
			this.redis.opsForZSet().removeRangeByScore(this.setKey, Double.NEGATIVE_INFINITY, now);
			Set<TypedTuple<String>> stored = this.redis.opsForZSet()
				.rangeByScoreWithScores(this.setKey, now, Double.POSITIVE_INFINITY);
			Set<String> known = new HashSet<>();
			if (stored != null) {
				for (TypedTuple<String> entry : stored) {
					if (entry.getValue() != null && entry.getScore() != null) {
						known.add(entry.getValue());
						remember(entry.getValue(), entry.getScore().longValue());
					}
				}
			}
			Set<TypedTuple<String>> missing = new HashSet<>();
			this.revoked.forEach((jti, expiry) -> {
				if (!known.contains(jti)) {
					missing.add(new DefaultTypedTuple<>(jti, expiry.doubleValue()));
				}
			});
			if (!missing.isEmpty()) {
				this.redis.opsForZSet().add(this.setKey, missing);
			}
			this.availability.reportSuccess();
		}
		catch (RuntimeException ex) {
			this.availability.reportFailure("revocation.resync", ex);
			log.warn("Could not resync the revoked-token list; keeping the last known list ({} entries): {}",
					this.revoked.size(), ex.toString());
		}
	}

	/**
	 * The number of entries in the local list (expired ones included until the next
	 * resync).
	 * @return the size of the local list
	 */
	public int size() {
		return this.revoked.size();
	}

	@Override
	public void start() {
		if (this.scheduler != null) {
			return;
		}
		subscribe();
		ScheduledExecutorService executor = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("revoked-tokens-resync").factory());
		this.scheduler = executor;
		awaitBootstrap(executor.submit(this::resync));
		long interval = this.resyncInterval.toMillis();
		executor.scheduleWithFixedDelay(this::resync, interval, interval, TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(this::announcePending, ANNOUNCE_RETRY_MILLIS, ANNOUNCE_RETRY_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	private void subscribe() {
		if (this.listenerContainer.isListening()) {
			return;
		}
		try {
			this.listenerContainer.start();
		}
		catch (RuntimeException ex) {
			// reset the container so that the next resync subscribes again
			this.listenerContainer.stop();
			this.availability.reportFailure("revocation.subscribe", ex);
			log.warn("Could not subscribe to token revocations; retrying at the next resync: {}", ex.toString());
		}
	}

	private static void awaitBootstrap(Future<?> bootstrap) {
		try {
			bootstrap.get(BOOTSTRAP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			log.warn("Revoked-token list not loaded at start-up; it loads in the background");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		if (executor != null) {
			executor.shutdownNow();
			this.scheduler = null;
		}
		this.listenerContainer.stop();
	}

	@Override
	public void destroy() throws Exception {
		stop();
		this.listenerContainer.destroy();
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		// before the web server starts accepting requests
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void remember(String jti, long expiry) {
		this.revoked.merge(jti, expiry, Math::max);
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	/** Applies revocations announced by other instances. */
	private final class RevocationListener implements MessageListener {

		@Override
		public void onMessage(Message message, byte[] pattern) {
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			int space = body.indexOf(' ');
			if (space <= 0 || space == body.length() - 1) {
				log.debug("Ignoring malformed revocation message");
				return;
			}
			try {
				long expiry = Long.parseLong(body.substring(0, space));
				if (expiry > now()) {
					remember(body.substring(space + 1), expiry);
				}
			}
			catch (NumberFormatException ex) {
				log.debug("Ignoring malformed revocation message");
			}
		}

	}

}
