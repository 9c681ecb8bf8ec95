package io.temponest.agents.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a webhook's deliveries are going: its status, the attempts of the last 24 hours
 * (counted per hour: the current hour and the 23 before it), its circuit breaker, its
 * last attempts and its queue.
 *
 * @param id the webhook
 * @param tenantId its tenant
 * @param name its name
 * @param url where deliveries are POSTed
 * @param isActive whether events are delivered
 * @param status {@code healthy}, {@code degraded}, {@code failing}, {@code circuit_open}
 * or {@code inactive} (rules in docs/API.md)
 * @param recentAttempts attempts in the last 24 hours
 * @param recentSuccesses those the receiver answered 2xx
 * @param recentFailures the others
 * @param successRate successes over attempts in the last 24 hours, 0 to 1 (null without
 * attempts)
 * @param consecutiveFailures failed attempts since the last success
 * @param circuitOpenUntil when an open circuit lets one delivery through again (null when
 * closed)
 * @param lastDeliveryAt the last attempt, whatever its result
 * @param lastSuccessAt the last attempt the receiver accepted
 * @param lastFailureAt the last failed attempt
 * @param lastError the error of the last failed attempt
 * @param pendingCount deliveries waiting for their first attempt
 * @param retryingCount deliveries waiting for another attempt
 * @param deadLetterCount deliveries that failed for good (dead letters)
 */
record WebhookHealth(UUID id, UUID tenantId, String name, String url, boolean isActive, String status,
		long recentAttempts, long recentSuccesses, long recentFailures, @Nullable Double successRate,
		int consecutiveFailures, @Nullable Instant circuitOpenUntil, @Nullable Instant lastDeliveryAt,
		@Nullable Instant lastSuccessAt, @Nullable Instant lastFailureAt, @Nullable String lastError, long pendingCount,
		long retryingCount, long deadLetterCount) {

	/**
	 * The health of the tenant's webhooks (the server's envelope).
	 *
	 * @param webhooks each webhook's health, by name
	 */
	record All(List<WebhookHealth> webhooks) {

	}

}
