package io.temponest.security.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, known within a bounded time: a connection is taken from
 * the pool and validated on a virtual thread, and the caller waits at most the timeout (a
 * hung network or an exhausted pool counts as unreachable). An answer is reused for a
 * short while so that frequent health checks and scrapes cost one probe, never a cached
 * "reachable" that outlives a failure by more than that. Changes are logged once.
 */
public final class DatabaseProbe {

	private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

	private final DataSource dataSource;

	private final Duration timeout;

	private final Duration reuse;

	private final Clock clock;

	private final Object lock = new Object();

	private volatile Answer last;

	private CompletableFuture<Boolean> inFlight;

	/**
	 * Create a probe.
	 * @param dataSource the pool to probe
	 * @param timeout the longest a caller waits for an answer
	 * @param reuse how long an answer is reused
	 * @param clock the clock
	 */
	public DatabaseProbe(DataSource dataSource, Duration timeout, Duration reuse, Clock clock) {
		this.dataSource = dataSource;
		this.timeout = timeout;
		this.reuse = reuse;
		this.clock = clock;
	}

	/**
	 * Whether the database answered a probe just now (or within the reuse time).
	 * @return whether it is reachable
	 */
	public boolean reachable() {
		Answer answer = this.last;
		Instant now = this.clock.instant();
		if (answer != null && now.isBefore(answer.at().plus(this.reuse))) {
			return answer.reachable();
		}
		boolean reachable = await(probe());
		record(reachable, now);
		return reachable;
	}

	private CompletableFuture<Boolean> probe() {
		synchronized (this.lock) {
			if (this.inFlight == null || this.inFlight.isDone()) {
				this.inFlight = CompletableFuture.supplyAsync(this::validateConnection,
						(task) -> Thread.ofVirtual().name("database-probe").start(task));
			}
			return this.inFlight;
		}
	}

	private boolean await(CompletableFuture<Boolean> probe) {
		try {
			return probe.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private boolean validateConnection() {
		int seconds = (int) Math.max(1, this.timeout.toSeconds());
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(seconds);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	private void record(boolean reachable, Instant now) {
		Answer previous = this.last;
		if (previous != null && previous.reachable() == reachable) {
			this.last = new Answer(reachable, now, previous.since());
			return;
		}
		this.last = new Answer(reachable, now, now);
		if (!reachable) {
			log.warn("Database unreachable (no valid connection within {} ms)", this.timeout.toMillis());
		}
		else if (previous != null) {
			log.info("Database reachable again after {} ms", Duration.between(previous.since(), now).toMillis());
		}
	}

	/** The last answer, when it was given, and since when it has been the same. */
	private record Answer(boolean reachable, Instant at, Instant since) {

	}

}
