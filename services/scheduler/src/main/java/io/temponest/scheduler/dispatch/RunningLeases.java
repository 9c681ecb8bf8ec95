package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.temponest.scheduler.execution.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * The leases of one instance's runs in flight, kept alive by renewing them all in one
 * statement (the heartbeat). A lease proves the instance is alive, not that the run is on
 * time: the run's own timeout bounds the agent call. A renewal that no longer finds an
 * attempt under this instance's lease (another instance took it over after the lease
 * lapsed) drops it, and the run then writes nothing. An attempt still running its timeout
 * plus one lease after it started is no longer renewed, so a stuck run is eventually
 * taken over.
 */
final class RunningLeases {

	private static final Logger log = LoggerFactory.getLogger(RunningLeases.class);

	private final ExecutionClaims claims;

	private final SchedulerMetrics metrics;

	private final String owner;

	private final Duration lease;

	private final ConcurrentMap<UUID, Held> held = new ConcurrentHashMap<>();

	RunningLeases(ExecutionClaims claims, SchedulerMetrics metrics, String owner, Duration lease) {
		this.claims = claims;
		this.metrics = metrics;
		this.owner = owner;
		this.lease = lease;
	}

	/**
	 * Start renewing a claimed attempt's lease.
	 * @param claimed the attempt
	 * @param now the claim instant
	 */
	void hold(ClaimedExecution claimed, Instant now) {
		Instant until = now.plusSeconds(claimed.timeoutSeconds()).plus(this.lease);
		this.held.put(claimed.lease().executionId(), new Held(claimed.lease(), until));
	}

	/**
	 * Stop renewing an attempt's lease (before it writes its outcome, or when it ends).
	 * @param lease the attempt
	 * @return whether the lease was still held as far as the renewals know; {@code false}
	 * when a renewal found it taken over
	 */
	boolean release(Lease lease) {
		Held removed = this.held.remove(lease.executionId());
		return removed != null && removed.lease().equals(lease);
	}

	/**
	 * Renew the leases of all runs in flight, in one statement.
	 * @param now the present
	 * @return how many leases were found taken over
	 */
	int renew(Instant now) {
		List<Held> renewing = this.held.values().stream().filter((each) -> !now.isAfter(each.until())).toList();
		if (renewing.isEmpty()) {
			return 0;
		}
		Set<UUID> renewed;
		try {
			renewed = this.claims.renew(this.owner, now, this.lease, renewing.stream().map(Held::lease).toList());
		}
		catch (DataAccessException ex) {
			this.metrics.leaseRenewalFailed("error", renewing.size());
			log.warn("Could not renew the leases of {} runs in flight ({}); they are taken over if this lasts {}",
					renewing.size(), ex.getMessage(), this.lease);
			return 0;
		}
		int fenced = 0;
		for (Held each : renewing) {
			UUID id = each.lease().executionId();
			// runs release their lease before writing: one still held and not renewed
			// means another attempt owns the execution now
			if (!renewed.contains(id) && this.held.remove(id, each)) {
				fenced++;
				log.warn("Execution {} attempt {} lost its lease to another instance; its outcome will not be written",
						id, each.lease().attempt());
			}
		}
		if (fenced > 0) {
			this.metrics.leaseRenewalFailed("fenced", fenced);
		}
		return fenced;
	}

	/**
	 * How many leases are held.
	 * @return the number of runs whose lease is renewed or waiting to be released
	 */
	int size() {
		return this.held.size();
	}

	/** A lease being renewed, until the given instant at the latest. */
	private record Held(Lease lease, Instant until) {

	}

}
