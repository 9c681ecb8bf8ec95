package io.temponest.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.temponest.events.EventSender.Kind;
import io.temponest.events.EventSender.Outcome;
import io.temponest.events.OutboxStore.Backlog;
import io.temponest.events.OutboxStore.OutboxRow;
import io.temponest.security.database.DatabaseUnavailable;
import io.temponest.security.database.FailureLog;
import io.temponest.security.database.PollingLoop;
import io.temponest.security.exchange.ActingUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Delivers the outbox, on its own thread, never on a request's: claim a batch of due
 * events of every tenant ({@code claim_outbox_events}, {@code FOR UPDATE SKIP LOCKED}
 * with a lease, so any number of instances relay disjoint batches), send them grouped by
 * tenant and user (at most 100 per request, several requests at once, each with that
 * user's exchanged token), then in one statement each: delete the delivered ones,
 * reschedule the failed ones after an exponential back-off with jitter, and dead-letter
 * the refused ones and those out of attempts (kept with their last error). A full batch
 * is followed by another at once; otherwise the relay waits for the poll interval or
 * until a commit that published an event wakes it.
 * <p>
 * Delivered events are deleted rather than marked: the receiver keeps the record, and
 * deduplicates on the event id, so a sent row has no further use, and deleting keeps the
 * outbox (and the index the claim reads) as small as what is still to do. Delivery is at
 * least once: an instance that dies after sending and before deleting leaves its events
 * to be sent again once their lease ends.
 */
public final class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

	private static final long BACKLOG_REFRESH_NANOS = Duration.ofSeconds(1).toNanos();

	private final OutboxStore store;

	private final EventSender sender;

	private final EventMetrics metrics;

	private final EventsProperties properties;

	private final Clock clock;

	private final FailureLog failures = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	private final ReentrantLock relaying = new ReentrantLock();

	private final ExecutorService deliveries = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-delivery-", 0).factory());

	private final AtomicLong passes = new AtomicLong();

	private volatile long backlogRefreshedAt = System.nanoTime() - BACKLOG_REFRESH_NANOS;

	private final PollingLoop loop;

	OutboxRelay(OutboxStore store, EventSender sender, EventMetrics metrics, EventsProperties properties, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
		this.loop = new PollingLoop("event-outbox-relay", properties.pollInterval(), this::relayAndCount,
				(ex) -> this.failures.log(!DatabaseUnavailable.isCauseOf(ex), "Event relay failed", ex));
	}

	@Override
	public void start() {
		if (!this.properties.relayEnabled() || this.loop.isRunning()) {
			return;
		}
		this.loop.start();
		log.info("Event relay started (to {}, every {}, {} events per claim, {} attempts)",
				this.properties.publishUrl(), this.properties.pollInterval(), this.properties.batchSize(),
				this.properties.maxAttempts());
	}

	@Override
	public void stop() {
		if (!this.loop.isRunning()) {
			return;
		}
		this.loop.stop(SHUTDOWN_WAIT);
		log.info("Event relay stopped");
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/** Make the relay claim at once instead of at the end of its wait. */
	public void wake() {
		this.loop.wake();
	}

	/**
	 * Claim and deliver one batch of due events (what the loop does each turn; tests with
	 * the loop off call it themselves). One batch at a time per instance.
	 * @return what the batch did
	 */
	public Report relayOnce() {
		this.relaying.lock();
		try {
			Instant now = this.clock.instant();
			List<OutboxRow> claimed = this.store.claim(now, this.properties.batchSize(), this.properties.lease());
			if (claimed.isEmpty()) {
				return new Report(0, 0, 0, 0);
			}
			List<Delivery> sent = deliverAll(claimed);
			List<OutboxRow> delivered = new ArrayList<>();
			List<OutboxRow> retried = new ArrayList<>();
			List<Instant> retryAt = new ArrayList<>();
			List<String> retryErrors = new ArrayList<>();
			List<OutboxRow> dead = new ArrayList<>();
			List<String> deadErrors = new ArrayList<>();
			for (Delivery delivery : sent) {
				Outcome outcome = delivery.outcome();
				for (OutboxRow row : delivery.events()) {
					if (outcome.kind() == Kind.DELIVERED) {
						delivered.add(row);
					}
					else if (outcome.kind() == Kind.RETRY && row.attempts() < this.properties.maxAttempts()) {
						retried.add(row);
						retryAt.add(now.plus(backoff(row.attempts())));
						retryErrors.add(String.valueOf(outcome.error()));
					}
					else {
						dead.add(row);
						deadErrors.add((outcome.kind() == Kind.RETRY)
								? "Gave up after " + row.attempts() + " attempts: " + outcome.error()
								: String.valueOf(outcome.error()));
					}
				}
			}
			this.store.sent(delivered);
			this.store.retry(retried, retryAt, retryErrors);
			this.store.dead(dead, deadErrors);
			this.metrics.delivered(delivered.size());
			this.metrics.failed(retried.size());
			this.metrics.dead(dead.size());
			if (!dead.isEmpty()) {
				log.warn("{} platform event(s) dead-lettered, the first: {}", dead.size(), deadErrors.get(0));
			}
			return new Report(claimed.size(), delivered.size(), retried.size(), dead.size());
		}
		finally {
			this.relaying.unlock();
		}
	}

	/** Read the outbox's size and lag of every tenant into the gauges. */
	public void refreshBacklog() {
		Backlog backlog = this.store.backlog();
		Instant oldest = backlog.oldestPending();
		this.metrics.backlog(backlog.pending(), backlog.dead(),
				(oldest != null) ? Duration.between(oldest, this.clock.instant()).toMillis() : 0);
		this.backlogRefreshedAt = System.nanoTime();
	}

	/**
	 * The wait before the next attempt after {@code attempt} failed: the back-off doubled
	 * per further attempt, capped, and then between half and all of it at random (so that
	 * events that failed together do not all come back together).
	 * @param attempt the attempt that failed (1 for the first)
	 * @return the wait
	 */
	Duration backoff(int attempt) {
		long base = this.properties.backoff().toMillis();
		long cap = this.properties.maxBackoff().toMillis();
		int doublings = Math.max(0, attempt - 1);
		long full = cap;
		if (doublings < 62 && base <= (cap >> doublings)) {
			full = base << doublings;
		}
		long half = full / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
	}

	private List<Delivery> deliverAll(List<OutboxRow> claimed) {
		Map<ActingUser, List<OutboxRow>> byUser = new LinkedHashMap<>();
		for (OutboxRow row : claimed) {
			byUser.computeIfAbsent(new ActingUser(row.tenantId(), row.userId()), (user) -> new ArrayList<>()).add(row);
		}
		Semaphore permits = new Semaphore(this.properties.concurrency());
		List<Future<Delivery>> futures = new ArrayList<>();
		byUser.forEach((user, rows) -> {
			for (int from = 0; from < rows.size(); from += EventsProperties.MAX_EVENTS_PER_DELIVERY) {
				List<OutboxRow> chunk = List
					.copyOf(rows.subList(from, Math.min(rows.size(), from + EventsProperties.MAX_EVENTS_PER_DELIVERY)));
				futures.add(this.deliveries.submit(() -> {
					permits.acquire();
					try {
						return new Delivery(chunk, this.sender.deliver(user, chunk));
					}
					finally {
						permits.release();
					}
				}));
			}
		});
		List<Delivery> deliveries = new ArrayList<>(futures.size());
		for (Future<Delivery> future : futures) {
			deliveries.add(result(future));
		}
		return deliveries;
	}

	private static Delivery result(Future<Delivery> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while delivering events", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Event delivery failed", ex.getCause());
		}
	}

	private boolean relayAndCount() {
		try {
			boolean full = relayOnce().claimed() == this.properties.batchSize();
			if (System.nanoTime() - this.backlogRefreshedAt >= BACKLOG_REFRESH_NANOS) {
				refreshBacklog();
			}
			return full;
		}
		finally {
			this.passes.incrementAndGet();
		}
	}

	/**
	 * How many times the loop has claimed (for tests of its waking).
	 * @return the count since the start
	 */
	long passes() {
		return this.passes.get();
	}

	/**
	 * What one batch did.
	 *
	 * @param claimed events claimed
	 * @param delivered events the receiver accepted (deleted from the outbox)
	 * @param retried events to be tried again later
	 * @param dead events dead-lettered
	 */
	public record Report(int claimed, int delivered, int retried, int dead) {

	}

	/** The events of one request and what became of it. */
	private record Delivery(List<OutboxRow> events, Outcome outcome) {

	}

}
