package io.temponest.agents.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Sends one attempt of a delivery: the stored body as it is, signed, with the webhook's
 * headers (never replacing the service's), its timeout, and no redirect followed; the URL
 * is checked again first, and a refused one is never called.
 */
@Component
class WebhookSender {

	/** Longest part of a receiver's answer kept. */
	static final int EXCERPT = 1024;

	private final HttpClient http;

	private final UrlGuard guard;

	private final Clock clock;

	WebhookSender(UrlGuard guard, WebhookProperties properties, Clock clock) {
		this.guard = guard;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.connectTimeout())
			.build();
	}

	Attempt send(ClaimedDelivery delivery, Map<String, String> customHeaders) {
		String refusal = this.guard.refusalToCall(delivery.url());
		if (refusal != null) {
			return new Attempt(false, null, "Not sent: " + refusal, null);
		}
		byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
		long timestamp = this.clock.instant().getEpochSecond();
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create(delivery.url()));
		}
		catch (IllegalArgumentException ex) {
			return new Attempt(false, null, "Not sent: url is not a valid URL", null);
		}
		request.timeout(Duration.ofSeconds(delivery.timeoutSeconds()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		customHeaders.forEach((name, value) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (!lower.startsWith("x-webhook-") && !"content-type".equals(lower) && !"user-agent".equals(lower)) {
				try {
					request.header(name, value);
				}
				catch (IllegalArgumentException ex) {
					// A header the HTTP client reserves: left out.
				}
			}
		});
		request.header("Content-Type", "application/json")
			.header("User-Agent", "TempoNest-Webhooks/1.0")
			.header("X-Webhook-Id", delivery.webhookId().toString())
			.header("X-Webhook-Event", delivery.eventType())
			.header("X-Webhook-Event-Id", delivery.eventId().toString())
			.header("X-Webhook-Delivery", delivery.id().toString())
			.header("X-Webhook-Timestamp", Long.toString(timestamp))
			.header("X-Webhook-Signature", Signatures.sign(delivery.secret(), timestamp, body));
		try {
			HttpResponse<InputStream> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			String excerpt;
			try (InputStream stream = response.body()) {
				excerpt = new String(stream.readNBytes(EXCERPT), StandardCharsets.UTF_8);
			}
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Attempt(true, status, null, excerpt);
			}
			String error = (status >= 300 && status < 400)
					? "Receiver answered " + status + " (redirects are not followed)" : "Receiver answered " + status;
			return new Attempt(false, status, error, excerpt);
		}
		catch (HttpTimeoutException ex) {
			return new Attempt(false, null, "Timed out after " + delivery.timeoutSeconds() + " s", null);
		}
		catch (IOException ex) {
			return new Attempt(false, null, "Could not reach the receiver: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""), null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Attempt(false, null, "Interrupted while sending", null);
		}
	}

	/**
	 * What an attempt came to.
	 *
	 * @param delivered whether the receiver answered 2xx
	 * @param statusCode its status, if it answered
	 * @param error why it was not delivered
	 * @param excerpt the start of its answer
	 */
	record Attempt(boolean delivered, @Nullable Integer statusCode, @Nullable String error, @Nullable String excerpt) {

	}

}
