package io.temponest.agents.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhooks' settings.
 *
 * @param allowedHosts host names (exact, any case) and CIDR blocks a webhook may reach
 * even when they are loopback, link-local, private or otherwise refused (tests,
 * on-premise receivers)
 * @param dispatcherEnabled whether this instance sends deliveries
 * @param pollInterval how long the dispatcher waits when nothing is due
 * @param concurrency deliveries in flight at once on this instance (at most one per
 * webhook in any case); 0: two per available processor, at least 4 (on 2 cores, sending
 * more at once took the cores from the requests that produce the events, see
 * docs/PERFORMANCE.md)
 * @param leaseGrace added to a webhook's timeout for the lease of a claimed delivery
 * @param maxBackoff longest wait between two attempts
 * @param connectTimeout the connect timeout of every delivery
 * @param circuitFailureThreshold consecutive failed attempts of a webhook that open its
 * circuit
 * @param circuitOpenFor how long an open circuit keeps the webhook's deliveries waiting
 * before one is tried again (half-open)
 * @param metricsCacheFor how long the webhook gauges' last reading of the database is
 * reused
 * @param chainLimit how many deliveries of a webhook may follow a delivered one at once
 * (each claimed in the transaction of the previous one's mark, on the same permit) before
 * the permit goes back to the claim of every webhook; 0 never
 */
@ConfigurationProperties("temponest.agents.webhooks")
record WebhookProperties(@DefaultValue List<String> allowedHosts, @DefaultValue("true") boolean dispatcherEnabled,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("0") int concurrency,
		@DefaultValue("30s") Duration leaseGrace, @DefaultValue("1h") Duration maxBackoff,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("5") int circuitFailureThreshold,
		@DefaultValue("60s") Duration circuitOpenFor, @DefaultValue("5s") Duration metricsCacheFor,
		@DefaultValue("16") int chainLimit) {

	/**
	 * Deliveries in flight at once on this instance.
	 * @return {@code concurrency}, or when it is 0 two per available processor and at
	 * least 4
	 */
	int effectiveConcurrency() {
		return (this.concurrency > 0) ? this.concurrency : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
	}

}
