package io.temponest.agents.webhook;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new webhook in either client's shape: the SDK's {@code headers} and nested
 * {@code retry_config}, or the server's {@code custom_headers} and top-level retry fields
 * (the top-level ones win when both are given).
 *
 * @param name its name
 * @param url where deliveries are POSTed (http or https)
 * @param description what it is for
 * @param events catalogue names or the server's aliases (at least one)
 * @param secret the signing secret (generated when absent)
 * @param headers extra request headers (SDK)
 * @param customHeaders extra request headers (server)
 * @param retryConfig retries (SDK)
 * @param maxRetries retries after the first attempt, 0 to 10 (default 3)
 * @param retryDelaySeconds the first back-off, 10 to 3600 seconds (default 60)
 * @param timeoutSeconds each attempt's timeout, 5 to 120 seconds (default 30)
 * @param isActive whether events are delivered (default true)
 */
record WebhookRequest(@NotBlank @Size(max = 255) String name,
		@NotBlank @Size(max = 2048) @Pattern(regexp = "(?i)https?://\\S+",
				message = "URL must start with http:// or https://") String url,
		@Size(max = 10_000) @Nullable String description,
		@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> events,
		@Size(min = 16, max = 128) @Nullable String secret, @Size(max = 20) @Nullable Map<String, String> headers,
		@Size(max = 20) @Nullable Map<String, String> customHeaders, @Valid @Nullable RetryConfig retryConfig,
		@Min(0) @Max(10) @Nullable Integer maxRetries, @Min(10) @Max(3600) @Nullable Integer retryDelaySeconds,
		@Min(5) @Max(120) @Nullable Integer timeoutSeconds, @Nullable Boolean isActive) {

	/**
	 * The SDK's retry settings.
	 *
	 * @param maxRetries retries after the first attempt, 0 to 10
	 * @param retryDelaySeconds the first back-off, 10 to 3600 seconds
	 */
	record RetryConfig(@Min(0) @Max(10) @Nullable Integer maxRetries,
			@Min(10) @Max(3600) @Nullable Integer retryDelaySeconds) {

	}

}
