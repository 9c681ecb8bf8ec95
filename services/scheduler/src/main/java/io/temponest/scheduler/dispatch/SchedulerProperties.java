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
 * @param leaseGrace added to a run's timeout to form its lease; a run not finished by
 * then is taken over by another poll
 * @param maxRetryDelay cap of the doubling retry delay
 * @param instanceId the lease owner name of this instance (default: host name and a
 * random suffix)
 * @param backlogRefresh how often the backlog gauges are recomputed
 */
@ConfigurationProperties("temponest.scheduler")
public record SchedulerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("500") int batchSize, @DefaultValue("64") int maxConcurrentRuns,
		@DefaultValue("30s") Duration leaseGrace, @DefaultValue("1h") Duration maxRetryDelay,
		@Nullable String instanceId, @DefaultValue("15s") Duration backlogRefresh) {

}
