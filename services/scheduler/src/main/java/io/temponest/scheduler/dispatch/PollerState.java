package io.temponest.scheduler.dispatch;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the poller of this instance is doing.
 *
 * @param enabled whether polling is configured on
 * @param running whether the loop runs
 * @param instanceId the lease owner name
 * @param lastPoll when the last poll succeeded
 * @param consecutiveFailures failed polls since the last success
 * @param runsInFlight agent calls in flight
 */
public record PollerState(boolean enabled, boolean running, String instanceId, @Nullable Instant lastPoll,
		int consecutiveFailures, int runsInFlight) {

}
