package io.temponest.approval.signal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Delivery of workflow signals ({@code temponest.approval.signals.*}).
 *
 * @param temporalAddress The Temporal frontend, host:port.
 * @param namespace The Temporal namespace of the workflows.
 * @param pollInterval How long the dispatcher waits between claims.
 * @param batchSize How many signals one claim takes at most.
 * @param backoff The wait after the first failed attempt, doubled after each further one.
 * @param maxBackoff The longest wait between attempts.
 * @param lease How long a claimed signal is not claimed again (longer than a delivery
 * takes).
 * @param rpcTimeout Deadline of one call to Temporal.
 */
@ConfigurationProperties("temponest.approval.signals")
public record SignalProperties(@DefaultValue("127.0.0.1:7233") String temporalAddress,
		@DefaultValue("default") String namespace, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("50") int batchSize, @DefaultValue("1s") Duration backoff,
		@DefaultValue("5m") Duration maxBackoff, @DefaultValue("60s") Duration lease,
		@DefaultValue("10s") Duration rpcTimeout) {

	public SignalProperties {
		if (batchSize < 1 || backoff.isNegative() || lease.compareTo(rpcTimeout) <= 0) {
			throw new IllegalArgumentException(
					"temponest.approval.signals.batch-size must be positive and lease " + "longer than rpc-timeout");
		}
	}

}
