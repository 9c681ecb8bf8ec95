package io.temponest.scheduler.dispatch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the poller ({@code temponest.scheduler.*}).
 *
 * @param enabled whether this instance polls (the API works either way)
 * @param pollInterval time between polls when nothing wakes the poller earlier
 * @param batchSize due schedules claimed per statement
 * @param maxConcurrentRuns agent calls in flight per instance; executions are claimed
 * only when a slot is free, so a lease never ticks while an execution waits in memory
 * @param leaseDuration how long a claimed attempt's lease lasts; the instance renews the
 * leases of its runs in flight every third of it, so a run is taken over by another
 * instance about this long after its instance died, whatever the run's timeout
 * @param maxRetryDelay cap of the doubling retry delay
 * @param instanceId the lease owner name of this instance (default: host name and a
 * random suffix)
 * @param backlogRefresh how often the backlog gauges are recomputed
 * @param misfireThreshold how late an occurrence may be found and still run; older missed
 * occurrences are skipped (counted, and recorded as a {@code skipped} execution)
 * @param maxLateOccurrences the most occurrences of one schedule opened by one poll; a
 * schedule further behind catches up over the next polls
 */
@ConfigurationProperties("temponest.scheduler")
public record SchedulerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("500") int batchSize, @DefaultValue("64") int maxConcurrentRuns,
		@DefaultValue("15s") Duration leaseDuration, @DefaultValue("1h") Duration maxRetryDelay,
		@Nullable String instanceId, @DefaultValue("15s") Duration backlogRefresh,
		@DefaultValue("30s") Duration misfireThreshold, @DefaultValue("50") int maxLateOccurrences) {

	/**
	 * Validate the settings.
	 * @param enabled whether this instance polls
	 * @param pollInterval time between polls
	 * @param batchSize due schedules claimed per statement
	 * @param maxConcurrentRuns agent calls in flight per instance
	 * @param leaseDuration lease of a claimed attempt, at least 3 s
	 * @param maxRetryDelay cap of the retry delay
	 * @param instanceId the lease owner name
	 * @param backlogRefresh how often the backlog gauges are recomputed
	 * @param misfireThreshold how late an occurrence may run, not negative
	 * @param maxLateOccurrences occurrences of one schedule per poll, at least 1
	 */
	public SchedulerProperties {
		if (leaseDuration.compareTo(Duration.ofSeconds(3)) < 0) {
			throw new IllegalArgumentException("lease-duration must be at least 3s");
		}
		if (misfireThreshold.isNegative()) {
			throw new IllegalArgumentException("misfire-threshold must not be negative");
		}
		if (maxLateOccurrences < 1) {
			throw new IllegalArgumentException("max-late-occurrences must be at least 1");
		}
	}

	/**
	 * How often the leases of the runs in flight are renewed: a third of the lease, so
	 * that two renewals in a row may fail before a lease runs out.
	 * @return the renewal period
	 */
	Duration leaseRenewal() {
		return this.leaseDuration.dividedBy(3);
	}

}
