package io.temponest.agents.webhook;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The dispatcher's meters: {@code temponest.webhook.deliveries} by result (delivered,
 * retrying, failed) and {@code temponest.webhook.delivery.latency} of every attempt.
 */
@Component
class WebhookMetrics {

	private final Counter delivered;

	private final Counter retrying;

	private final Counter failed;

	private final Timer latency;

	WebhookMetrics(MeterRegistry registry) {
		this.delivered = counter(registry, "delivered");
		this.retrying = counter(registry, "retrying");
		this.failed = counter(registry, "failed");
		this.latency = Timer.builder("temponest.webhook.delivery.latency")
			.description("How long a webhook delivery attempt took")
			.publishPercentileHistogram()
			.register(registry);
	}

	void attempt(String result, Duration took) {
		this.latency.record(took);
		switch (result) {
			case "delivered" -> this.delivered.increment();
			case "retrying" -> this.retrying.increment();
			default -> this.failed.increment();
		}
	}

	private static Counter counter(MeterRegistry registry, String result) {
		return Counter.builder("temponest.webhook.deliveries")
			.description("Webhook delivery attempts by result (failed: dead-lettered)")
			.tag("result", result)
			.register(registry);
	}

}
