package io.temponest.agents.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.temponest.security.database.PollingLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends queued deliveries, on its own thread and virtual threads, never on a request's:
 * claims due deliveries of every tenant ({@code claim_webhook_deliveries}: SKIP LOCKED
 * with a lease, at most the oldest open delivery of each webhook, so any number of
 * instances share the work and a webhook's deliveries go out one at a time in order),
 * sends each ({@link WebhookSender}), and marks it delivered, retrying after an
 * exponential back-off with jitter, or failed once its attempts are spent (the dead
 * letter keeps the last error). Every mark also feeds the webhook's circuit breaker:
 * after {@code circuit-failure-threshold} consecutive failed attempts the claim skips the
 * webhook for {@code circuit-open-for}, then one delivery probes it. The mark of a
 * delivered attempt also claims the webhook's next delivery under the same rules
 * ({@code mark_webhook_delivery_and_claim_next}), sent at once on the same permit, up to
 * {@code chain-limit} in a row; nothing follows a failed attempt. Claims as many as it
 * has free permits; a finished delivery or a commit that queued one wakes it, otherwise
 * it polls.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final WebhookSender sender;

	private final WebhookMetrics metrics;

	private final WebhookProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final String owner = "agents-" + UUID.randomUUID();

	private final Semaphore permits;

	private final PollingLoop loop;

	/**
	 * Delivery is background work: its threads run below the request threads (with
	 * {@code -XX:ThreadPriorityPolicy=1} and docker/jvm.options' mapping of Java priority
	 * 2 to nice 10), so that on a busy CPU the calls that produce events keep their
	 * latency and delivery takes what they leave.
	 */
	static final int DELIVERY_PRIORITY = 2;

	private @Nullable ExecutorService deliveries;

	WebhookDispatcher(JdbcClient jdbc, WebhookSender sender, WebhookMetrics metrics, WebhookProperties properties,
			JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.sender = sender;
		this.metrics = metrics;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.permits = new Semaphore(properties.effectiveConcurrency());
		this.loop = new PollingLoop("webhook-dispatcher", properties.pollInterval(), this::dispatchOnce,
				(ex) -> log.warn("Webhook dispatch failed: {}", ex.toString()));
	}

	@Override
	public void start() {
		if (!this.properties.dispatcherEnabled() || this.loop.isRunning()) {
			return;
		}
		this.deliveries = Executors.newFixedThreadPool(this.properties.effectiveConcurrency(),
				Thread.ofPlatform().name("webhook-delivery-", 0).daemon(true).priority(DELIVERY_PRIORITY).factory());
		this.loop.start();
		log.info("Webhook dispatcher started ({} deliveries at once, polling every {})",
				this.properties.effectiveConcurrency(), this.properties.pollInterval());
	}

	@Override
	public void stop() {
		if (!this.loop.isRunning()) {
			return;
		}
		this.loop.stop(SHUTDOWN_WAIT);
		ExecutorService executor = this.deliveries;
		try {
			if (executor != null) {
				executor.shutdown();
				if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
					executor.shutdownNow();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		log.info("Webhook dispatcher stopped");
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/** Make the dispatcher claim at once instead of at the end of its wait. */
	void wake() {
		this.loop.wake();
	}

	/**
	 * The wait before the attempt after {@code attempt} failed: the webhook's retry delay
	 * doubled per further attempt, capped, then between half and all of it at random.
	 * @param retryDelaySeconds the webhook's first back-off
	 * @param attempt the attempt that failed (1 for the first)
	 * @param cap the longest wait
	 * @return the wait
	 */
	static Duration backoff(int retryDelaySeconds, int attempt, Duration cap) {
		long base = Duration.ofSeconds(retryDelaySeconds).toMillis();
		long max = cap.toMillis();
		int doublings = Math.max(0, attempt - 1);
		long full = max;
		if (doublings < 62 && base <= (max >> doublings)) {
			full = base << doublings;
		}
		long half = full / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
	}

	/** Claim and start as many due deliveries as there are free permits. */
	private boolean dispatchOnce() {
		int free = this.permits.drainPermits();
		if (free == 0) {
			return false;
		}
		List<ClaimedDelivery> claimed;
		try {
			claimed = claim(free);
		}
		catch (RuntimeException ex) {
			this.permits.release(free);
			throw ex;
		}
		this.permits.release(free - claimed.size());
		ExecutorService executor = this.deliveries;
		for (ClaimedDelivery delivery : claimed) {
			if (executor == null) {
				this.permits.release();
				continue;
			}
			executor.execute(() -> sendInTurn(delivery));
		}
		return claimed.size() == free;
	}

	/**
	 * Send a claimed delivery, then each one its mark claimed next, on the permit the
	 * first was claimed with; give the permit back after the last.
	 */
	private void sendInTurn(ClaimedDelivery first) {
		ClaimedDelivery delivery = first;
		int chained = 0;
		try {
			ClaimedDelivery next = deliver(delivery, claimNext(chained));
			while (next != null) {
				delivery = next;
				chained++;
				next = deliver(delivery, claimNext(chained));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery {} failed unexpectedly: {}", delivery.id(), ex.toString());
		}
		finally {
			this.permits.release();
			wake();
		}
	}

	/**
	 * Whether the mark of a delivery after {@code chained} chained ones claims another.
	 */
	private boolean claimNext(int chained) {
		return chained < this.properties.chainLimit() && this.loop.isRunning();
	}

	private List<ClaimedDelivery> claim(int limit) {
		return this.jdbc.sql("""
				SELECT id, webhook_id, tenant_id, event_id, event_type, payload, attempts, max_attempts, url, secret,
					custom_headers::text AS custom_headers, timeout_seconds, retry_delay_seconds
				FROM agents.claim_webhook_deliveries(:owner, :now, :limit, :grace)""")
			.param("owner", this.owner)
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit)
			.param("grace", (int) this.properties.leaseGrace().toSeconds())
			.query((rs, row) -> claimed(rs))
			.list();
	}

	private static ClaimedDelivery claimed(ResultSet rs) throws SQLException {
		return new ClaimedDelivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
				rs.getObject("tenant_id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
				rs.getString("payload"), rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getString("url"),
				rs.getString("secret"), rs.getString("custom_headers"), rs.getInt("timeout_seconds"),
				rs.getInt("retry_delay_seconds"));
	}

	/**
	 * Send one attempt and mark it; when it was delivered and {@code claimNext}, the same
	 * transaction claims the webhook's next delivery.
	 * @return the delivery claimed next, if any
	 */
	private @Nullable ClaimedDelivery deliver(ClaimedDelivery delivery, boolean claimNext) {
		long started = System.nanoTime();
		WebhookSender.Attempt attempt = this.sender.send(delivery,
				this.json.readValue(delivery.customHeaders(), HEADERS));
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Instant now = this.clock.instant();
		String status;
		Instant next = null;
		String error = attempt.error();
		if (attempt.delivered()) {
			status = "delivered";
		}
		else if (delivery.attempt() < delivery.maxAttempts()) {
			status = "retrying";
			next = now.plus(backoff(delivery.retryDelaySeconds(), delivery.attempt(), this.properties.maxBackoff()));
		}
		else {
			status = "failed";
			error = "Gave up after " + delivery.attempt() + " attempt(s): " + error;
			log.warn("Webhook delivery {} of webhook {} dead-lettered: {}", delivery.id(), delivery.webhookId(), error);
		}
		Marked marked = this.jdbc.sql("""
				SELECT marked, id, webhook_id, tenant_id, event_id, event_type, payload, attempts, max_attempts, url,
					secret, custom_headers::text AS custom_headers, timeout_seconds, retry_delay_seconds
				FROM agents.mark_webhook_delivery_and_claim_next(:id, :owner, :attempt, :status, :code, :error,
					:response, :next, :now, :threshold, :openFor, :claimNext, :grace)""")
			.param("id", delivery.id())
			.param("owner", this.owner)
			.param("attempt", delivery.attempt())
			.param("status", status)
			.param("code", attempt.statusCode(), Types.INTEGER)
			.param("error", error, Types.VARCHAR)
			.param("response", attempt.excerpt(), Types.VARCHAR)
			.param("next", (next != null) ? OffsetDateTime.ofInstant(next, ZoneOffset.UTC) : null,
					Types.TIMESTAMP_WITH_TIMEZONE)
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.param("threshold", Math.max(1, this.properties.circuitFailureThreshold()))
			.param("openFor", (int) Math.max(1, this.properties.circuitOpenFor().toSeconds()))
			.param("claimNext", claimNext)
			.param("grace", (int) this.properties.leaseGrace().toSeconds())
			.query((rs, row) -> new Marked(rs.getBoolean("marked"),
					(rs.getObject("id", UUID.class) != null) ? claimed(rs) : null))
			.single();
		if (marked.marked()) {
			this.metrics.attempt(status, took);
		}
		return marked.next();
	}

	/**
	 * What the mark of an attempt came to.
	 *
	 * @param marked whether the attempt was marked (not claimed again meanwhile)
	 * @param next the webhook's delivery claimed next, if any
	 */
	private record Marked(boolean marked, @Nullable ClaimedDelivery next) {

	}

}
