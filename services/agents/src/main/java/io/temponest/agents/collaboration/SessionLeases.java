package io.temponest.agents.collaboration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The leases of the sessions this instance holds (queued or running), under an owner id
 * drawn at startup: all of them are renewed in one statement every third of the lease;
 * and the sweep, every {@code sweep-interval}, which fails the open sessions of every
 * instance whose lease ran out (their instance stopped: killed, out of memory, node lost)
 * and their running steps, counts them as {@code abandoned} and logs one line. Both run
 * on the service's scheduler, like its other periodic work, with this clock.
 */
@Component
class SessionLeases implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SessionLeases.class);

	private static final int SWEEP_BATCH = 500;

	private final String owner = "agents-" + UUID.randomUUID();

	private final Set<UUID> held = ConcurrentHashMap.newKeySet();

	private final SessionStore store;

	private final CollaborationMetrics metrics;

	private final Duration lease;

	private final Duration sweepInterval;

	private final Clock clock;

	SessionLeases(SessionStore store, CollaborationMetrics metrics, CollaborationProperties properties, Clock clock) {
		this.store = store;
		this.metrics = metrics;
		this.lease = properties.lease();
		this.sweepInterval = properties.sweepInterval();
		this.clock = clock;
	}

	/**
	 * This instance's lease owner id.
	 * @return the id
	 */
	String owner() {
		return this.owner;
	}

	/**
	 * How long a lease lasts without a renewal.
	 * @return the lease
	 */
	Duration lease() {
		return this.lease;
	}

	/**
	 * Renew the lease of a session from now on, until {@link #release}.
	 * @param sessionId the session, stored with this instance's lease
	 */
	void hold(UUID sessionId) {
		this.held.add(sessionId);
	}

	/**
	 * Stop renewing a session's lease (it ended, or was never run).
	 * @param sessionId the session
	 */
	void release(UUID sessionId) {
		this.held.remove(sessionId);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> quietly("renew collaboration session leases", this::renew),
				this.lease.dividedBy(3));
		registrar.addFixedDelayTask(() -> quietly("sweep abandoned collaboration sessions", this::sweep),
				this.sweepInterval);
	}

	/**
	 * Extend the leases of every session held, to a full lease from now.
	 * @return how many were extended
	 */
	int renew() {
		List<UUID> ids = List.copyOf(this.held);
		if (ids.isEmpty()) {
			return 0;
		}
		return this.store.renewLeases(this.owner, ids, this.clock.instant().plus(this.lease));
	}

	/**
	 * Fail every open session whose lease ran out by now, in batches.
	 * @return how many were ended
	 */
	int sweep() {
		int total = 0;
		int batch;
		do {
			Map<String, Integer> ended = this.store.endAbandoned(this.clock.instant(), SWEEP_BATCH);
			batch = 0;
			for (Map.Entry<String, Integer> entry : ended.entrySet()) {
				CollaborationPattern.of(entry.getKey())
					.ifPresent((pattern) -> this.metrics.abandoned(pattern, entry.getValue()));
				batch += entry.getValue();
			}
			total += batch;
		}
		while (batch == SWEEP_BATCH);
		if (total > 0) {
			log.warn("Ended {} collaboration session(s) whose instance stopped before they ended", total);
		}
		return total;
	}

	private static void quietly(String what, Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			log.warn("Could not {}: {}", what, ex.toString());
		}
	}

}
