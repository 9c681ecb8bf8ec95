package io.temponest.scheduler.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.temponest.scheduler.execution.ExecutionQueued;
import io.temponest.security.database.DatabaseUnavailable;
import io.temponest.security.database.FailureLog;
import io.temponest.security.database.PollingLoop;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The poll loop of one instance, on its own thread: open the executions of one batch of
 * due schedules, then claim as many ready executions as there are free run slots and run
 * each on a virtual thread. While a full batch suggests more schedules are due, it polls
 * again at once, so a burst is claimed and run while it is still being opened and a
 * steady stream of due schedules never keeps ready executions from being claimed;
 * otherwise it sleeps for the poll interval, or less when a trigger queues work. Once
 * half the run slots are free, the run that ends last fills them itself when no claim is
 * under way, so the slots do not wait for the loop while it opens a batch. A second
 * thread renews the leases of the runs in flight every third of {@code lease-duration}
 * (one statement per renewal), so a run keeps its lease however long its timeout while
 * this instance lives, and an instance that dies loses its runs to another poll within
 * about one lease. Stopping waits for runs in flight for a while; runs cut off by a
 * shutdown stop being renewed and are retried by any instance once their lease has
 * lapsed.
 */
@Component
public class Poller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Poller.class);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

	private final DueOccurrences due;

	private final ExecutionClaims claims;

	private final ExecutionRunner runner;

	private final Backlog backlog;

	private final SchedulerMetrics metrics;

	private final SchedulerProperties properties;

	private final Clock clock;

	private final FailureLog failures = new FailureLog(log, Duration.ofMinutes(1), Clock.systemUTC());

	private final String owner;

	private final Semaphore slots;

	private final RunningLeases leases;

	private final ReentrantLock claiming = new ReentrantLock();

	private final PollingLoop loop;

	private volatile @Nullable Instant lastPoll;

	private volatile int consecutiveFailures;

	private final ExecutorService runs = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("scheduler-run-", 0).factory());

	private @Nullable ScheduledExecutorService renewer;

	Poller(DueOccurrences due, ExecutionClaims claims, ExecutionRunner runner, Backlog backlog,
			SchedulerMetrics metrics, SchedulerProperties properties, Clock clock) {
		this.due = due;
		this.claims = claims;
		this.runner = runner;
		this.backlog = backlog;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
		String configured = properties.instanceId();
		this.owner = (configured != null && !configured.isBlank()) ? configured : defaultInstanceId();
		this.slots = new Semaphore(properties.maxConcurrentRuns());
		this.leases = new RunningLeases(claims, metrics, this.owner, properties.leaseDuration());
		this.loop = new PollingLoop("scheduler-poller", properties.pollInterval(), this::pollAndRecord,
				this::pollFailed);
	}

	@Override
	public void start() {
		if (!this.properties.enabled() || this.loop.isRunning()) {
			return;
		}
		ScheduledExecutorService renewals = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("scheduler-lease-renewer").daemon().factory());
		long period = this.properties.leaseRenewal().toMillis();
		renewals.scheduleWithFixedDelay(this::renewLeasesSafely, period, period, TimeUnit.MILLISECONDS);
		this.renewer = renewals;
		this.loop.start();
		log.info("Scheduler poller {} started (every {}, {} runs at most, leases of {} renewed every {})", this.owner,
				this.properties.pollInterval(), this.properties.maxConcurrentRuns(), this.properties.leaseDuration(),
				this.properties.leaseRenewal());
	}

	@Override
	public void stop() {
		if (!this.loop.isRunning()) {
			return;
		}
		this.loop.stop(SHUTDOWN_WAIT);
		try {
			if (!awaitIdle(SHUTDOWN_WAIT)) {
				log.warn("Runs still in flight at shutdown; their leases expire and another poll retries them");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			ScheduledExecutorService renewals = this.renewer;
			if (renewals != null) {
				renewals.shutdownNow();
			}
		}
		log.info("Scheduler poller {} stopped", this.owner);
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

	/**
	 * Start a manually triggered execution right after its transaction commits.
	 * @param event the queued execution
	 */
	@TransactionalEventListener
	void onQueued(ExecutionQueued event) {
		this.loop.wake();
	}

	/**
	 * The state of the loop, for health.
	 * @return the state
	 */
	public PollerState state() {
		return new PollerState(this.properties.enabled(), this.loop.isRunning(), this.owner, this.lastPoll,
				this.consecutiveFailures, this.properties.maxConcurrentRuns() - this.slots.availablePermits());
	}

	/**
	 * One poll: open one batch of due occurrences, then claim and start ready executions.
	 * @return how many executions were started, and whether more schedules may be due
	 */
	Poll pollOnce() {
		int batch = this.properties.batchSize();
		Instant now = this.clock.instant();
		DueOccurrences.Batch opened = this.due.open(now, batch);
		int started = claimFree(now);
		this.backlog.refreshIfDue(now);
		return new Poll(started, opened.more(batch));
	}

	/**
	 * Claim as many ready executions as there are free run slots and start them; one
	 * claim at a time, so that the slots counted are the slots taken.
	 * @param now the claim instant
	 * @return how many executions were started
	 */
	private int claimFree(Instant now) {
		this.claiming.lock();
		try {
			int started = 0;
			int free = this.slots.availablePermits();
			if (free > 0) {
				List<ClaimedExecution> claimed = this.claims.claim(this.owner, now, free,
						this.properties.leaseDuration());
				for (ClaimedExecution execution : claimed) {
					this.slots.acquireUninterruptibly();
					this.leases.hold(execution, now);
					submit(execution);
					started++;
				}
			}
			return started;
		}
		finally {
			this.claiming.unlock();
		}
	}

	/**
	 * Fill the free slots once half of them are free: from the run that just ended when
	 * no claim is under way (the poll loop may be busy opening a batch), else by waking
	 * the loop.
	 */
	private void refill() {
		if (this.loop.isRunning() && this.claiming.tryLock()) {
			try {
				claimFree(this.clock.instant());
			}
			catch (RuntimeException ex) {
				this.failures.log(!DatabaseUnavailable.isCauseOf(ex), "Claim after a run failed", ex);
				this.loop.wake();
			}
			finally {
				this.claiming.unlock();
			}
		}
		else {
			this.loop.wake();
		}
	}

	/**
	 * Renew the leases of this instance's runs in flight (the heartbeat).
	 * @return how many runs were found to have lost their lease
	 */
	int renewLeases() {
		return this.leases.renew(this.clock.instant());
	}

	private void renewLeasesSafely() {
		try {
			renewLeases();
		}
		catch (RuntimeException ex) {
			this.metrics.leaseRenewalFailed("error", this.leases.size());
			this.failures.log(false, "Lease renewal failed", ex);
		}
	}

	/**
	 * Wait until no run is in flight on this instance.
	 * @param timeout how long to wait at most
	 * @return whether all runs finished in time
	 * @throws InterruptedException when interrupted while waiting
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		int all = this.properties.maxConcurrentRuns();
		if (!this.slots.tryAcquire(all, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		this.slots.release(all);
		return true;
	}

	private void submit(ClaimedExecution execution) {
		this.runs.execute(() -> {
			try {
				this.runner.run(execution, () -> this.leases.release(execution.lease()));
			}
			finally {
				this.leases.release(execution.lease());
				this.slots.release();
				if (this.slots.availablePermits() * 2 >= this.properties.maxConcurrentRuns()) {
					refill();
				}
			}
		});
	}

	private boolean pollAndRecord() {
		boolean moreDue = pollOnce().moreDue();
		this.lastPoll = this.clock.instant();
		this.consecutiveFailures = 0;
		return moreDue;
	}

	private void pollFailed(RuntimeException ex) {
		this.consecutiveFailures++;
		boolean outage = DatabaseUnavailable.isCauseOf(ex);
		this.failures.log(!outage,
				"Poll failed (" + this.consecutiveFailures + " in a row" + (outage ? ", database unavailable)" : ")"),
				ex);
	}

	/**
	 * What one poll did.
	 *
	 * @param started how many executions it started
	 * @param moreDue whether its batch of due schedules was full and none of them is
	 * still due, so that more schedules may be due: the loop polls again without sleeping
	 */
	record Poll(int started, boolean moreDue) {

	}

	private static String defaultInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "scheduler";
		}
		String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		String id = host + "-" + suffix;
		return (id.length() > 100) ? id.substring(id.length() - 100) : id;
	}

}
