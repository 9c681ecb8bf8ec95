package io.temponest.agents.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as both clients read it: the headers as {@code headers} and
 * {@code custom_headers}, the retries nested and top-level. The secret only in the answer
 * that created or regenerated it.
 *
 * @param id the webhook
 * @param tenantId its tenant
 * @param userId who created it
 * @param name its name
 * @param url where deliveries are POSTed
 * @param description what it is for
 * @param events the catalogue names it subscribes to
 * @param headers extra request headers
 * @param customHeaders the same
 * @param retryConfig the retries
 * @param maxRetries retries after the first attempt
 * @param retryDelaySeconds the first back-off in seconds
 * @param timeoutSeconds each attempt's timeout in seconds
 * @param isActive whether events are delivered
 * @param secret the signing secret (create and regenerate only)
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
record WebhookView(UUID id, UUID tenantId, @Nullable UUID userId, String name, String url, @Nullable String description,
		List<String> events, Map<String, String> headers, Map<String, String> customHeaders, RetryConfig retryConfig,
		int maxRetries, int retryDelaySeconds, int timeoutSeconds, boolean isActive,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String secret, Instant createdAt, Instant updatedAt) {

	WebhookView withSecret(String secret) {
		return new WebhookView(this.id, this.tenantId, this.userId, this.name, this.url, this.description, this.events,
				this.headers, this.customHeaders, this.retryConfig, this.maxRetries, this.retryDelaySeconds,
				this.timeoutSeconds, this.isActive, secret, this.createdAt, this.updatedAt);
	}

	/**
	 * The retries, nested as the SDK reads them.
	 *
	 * @param maxRetries retries after the first attempt
	 * @param retryDelaySeconds the first back-off in seconds
	 */
	record RetryConfig(int maxRetries, int retryDelaySeconds) {

	}

}
