package io.temponest.agents.webhook;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A delivery as both clients read it (the SDK's and the server's field names side by
 * side); a delivered one is {@code success} to the SDK and {@code delivered} in the
 * server's envelope.
 *
 * @param id the delivery
 * @param webhookId its webhook
 * @param eventId the event (receivers dedupe on it)
 * @param eventType the catalogue name
 * @param payload the body sent
 * @param status pending, success or delivered, retrying, or failed (dead letter)
 * @param attempts attempts made
 * @param attemptCount the same
 * @param maxAttempts attempts allowed
 * @param responseStatus the receiver's last status
 * @param httpStatusCode the same
 * @param responseBody the start of the receiver's last answer
 * @param error the last error
 * @param errorMessage the same
 * @param nextRetryAt when the next attempt is due, while one is
 * @param deliveredAt when it was delivered
 * @param createdAt when it was enqueued
 * @param updatedAt when it last changed
 */
record DeliveryView(UUID id, UUID webhookId, UUID eventId, String eventType, JsonNode payload, String status,
		int attempts, int attemptCount, int maxAttempts, @Nullable Integer responseStatus,
		@Nullable Integer httpStatusCode, @Nullable String responseBody, @Nullable String error,
		@Nullable String errorMessage, @Nullable Instant nextRetryAt, @Nullable Instant deliveredAt, Instant createdAt,
		Instant updatedAt) {

	/**
	 * The same delivery with {@code delivered} named as the server's envelope names it.
	 * @return the delivery
	 */
	DeliveryView serverStatus() {
		String named = "success".equals(this.status) ? "delivered" : this.status;
		return new DeliveryView(this.id, this.webhookId, this.eventId, this.eventType, this.payload, named,
				this.attempts, this.attemptCount, this.maxAttempts, this.responseStatus, this.httpStatusCode,
				this.responseBody, this.error, this.errorMessage, this.nextRetryAt, this.deliveredAt, this.createdAt,
				this.updatedAt);
	}

}
