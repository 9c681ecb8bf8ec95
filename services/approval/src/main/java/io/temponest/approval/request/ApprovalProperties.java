package io.temponest.approval.request;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of approval requests ({@code temponest.approval.*}).
 *
 * @param expiry How long a request waits for its decisions before it expires.
 * @param backgroundEnabled Whether this instance runs the expiry sweeper and the signal
 * dispatcher (any number of instances may).
 * @param sweepInterval How often pending requests past their expiry are expired and the
 * gauges refreshed.
 * @param sweepBatchSize How many requests one sweep expires at most.
 */
@ConfigurationProperties("temponest.approval")
public record ApprovalProperties(@DefaultValue("24h") Duration expiry, @DefaultValue("true") boolean backgroundEnabled,
		@DefaultValue("30s") Duration sweepInterval, @DefaultValue("500") int sweepBatchSize) {

	public ApprovalProperties {
		if (expiry.isNegative() || expiry.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()
				|| sweepBatchSize < 1) {
			throw new IllegalArgumentException(
					"temponest.approval.expiry, sweep-interval and sweep-batch-size must be positive");
		}
	}

}
