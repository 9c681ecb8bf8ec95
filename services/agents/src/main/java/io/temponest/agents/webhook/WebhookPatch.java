package io.temponest.agents.webhook;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A webhook's changed fields in either client's shape; absent or null fields stay as they
 * are.
 *
 * @param name its name
 * @param url where deliveries are POSTed
 * @param description what it is for
 * @param events catalogue names or aliases (at least one when given)
 * @param headers extra request headers (SDK)
 * @param customHeaders extra request headers (server)
 * @param retryConfig retries (SDK)
 * @param maxRetries retries after the first attempt
 * @param retryDelaySeconds the first back-off in seconds
 * @param timeoutSeconds each attempt's timeout in seconds
 * @param isActive whether events are delivered
 */
record WebhookPatch(@Size(min = 1, max = 255) @Nullable String name,
		@Size(max = 2048) @Pattern(regexp = "(?i)https?://\\S+",
				message = "URL must start with http:// or https://") @Nullable String url,
		@Size(max = 10_000) @Nullable String description,
		@Size(min = 1, max = 50) @Nullable List<@NotBlank @Size(max = 100) String> events,
		@Size(max = 20) @Nullable Map<String, String> headers,
		@Size(max = 20) @Nullable Map<String, String> customHeaders,
		@Valid WebhookRequest.@Nullable RetryConfig retryConfig, @Min(0) @Max(10) @Nullable Integer maxRetries,
		@Min(10) @Max(3600) @Nullable Integer retryDelaySeconds, @Min(5) @Max(120) @Nullable Integer timeoutSeconds,
		@Nullable Boolean isActive) {

}
