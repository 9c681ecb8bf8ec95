package io.temponest.agents.webhook;

import java.util.UUID;

/**
 * A delivery claimed for one attempt, with what its webhook says about sending it.
 *
 * @param id the delivery
 * @param webhookId its webhook
 * @param tenantId its tenant
 * @param eventId the event
 * @param eventType the catalogue name
 * @param payload the exact body
 * @param attempt this attempt's number (fences the mark)
 * @param maxAttempts attempts allowed
 * @param url where to POST
 * @param secret the signing secret
 * @param customHeaders the webhook's extra headers (a JSON object)
 * @param timeoutSeconds the attempt's timeout
 * @param retryDelaySeconds the first back-off
 */
record ClaimedDelivery(UUID id, UUID webhookId, UUID tenantId, UUID eventId, String eventType, String payload,
		int attempt, int maxAttempts, String url, String secret, String customHeaders, int timeoutSeconds,
		int retryDelaySeconds) {

	@Override
	public String toString() {
		return "ClaimedDelivery[id=" + this.id + ", webhookId=" + this.webhookId + ", eventType=" + this.eventType
				+ ", attempt=" + this.attempt + "]";
	}

}
