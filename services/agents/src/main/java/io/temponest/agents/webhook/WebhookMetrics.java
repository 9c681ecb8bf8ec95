package io.temponest.agents.webhook;

import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temponest.security.database.CachedReading;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The webhooks' meters: {@code temponest.webhook.deliveries} by result (delivered,
 * retrying, failed) and {@code temponest.webhook.delivery.latency} of every attempt; and
 * gauges of every tenant's deliveries, read through {@code agents.webhook_backlog} at
 * most once per {@code metrics-cache-for} (a scrape reads them all from one statement):
 * open deliveries, the outbox lag, dead letters and open circuits.
 */
@Component
class WebhookMetrics {

	private final Counter delivered;

	private final Counter retrying;

	private final Counter failed;

	private final Timer latency;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final CachedReading<Backlog> backlog;

	WebhookMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock, WebhookProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.backlog = new CachedReading<>("the webhook backlog", new Backlog(0, 0, 0, 0), this::readBacklog,
				properties.metricsCacheFor());
		this.delivered = counter(registry, "delivered");
		this.retrying = counter(registry, "retrying");
		this.failed = counter(registry, "failed");
		this.latency = Timer.builder("temponest.webhook.delivery.latency")
			.description("How long a webhook delivery attempt took")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("temponest.webhook.pending", this, (metrics) -> metrics.backlog().pending())
			.description("Webhook deliveries waiting for an attempt (pending or retrying), all tenants")
			.register(registry);
		Gauge.builder("temponest.webhook.outbox.lag", this, (metrics) -> metrics.backlog().lagSeconds())
			.description("How long the oldest webhook delivery the dispatcher could send now has been due "
					+ "(0 when none), all tenants")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("temponest.webhook.dead.letters", this, (metrics) -> metrics.backlog().dead())
			.description("Webhook deliveries that failed for good (dead letters), all tenants")
			.register(registry);
		Gauge.builder("temponest.webhook.circuits.open", this, (metrics) -> metrics.backlog().openCircuits())
			.description("Active webhooks whose circuit breaker is open, all tenants")
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

	/**
	 * The last reading of the backlog, read again when older than
	 * {@code metrics-cache-for}.
	 * @return the backlog
	 */
	Backlog backlog() {
		return this.backlog.get();
	}

	private Backlog readBacklog() {
		return this.jdbc.sql("SELECT pending, lag_seconds, dead, open_circuits FROM agents.webhook_backlog(:now)")
			.param("now", OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
			.query((rs, row) -> new Backlog(rs.getLong("pending"), rs.getDouble("lag_seconds"), rs.getLong("dead"),
					rs.getLong("open_circuits")))
			.single();
	}

	private static Counter counter(MeterRegistry registry, String result) {
		return Counter.builder("temponest.webhook.deliveries")
			.description("Webhook delivery attempts by result (failed: dead-lettered)")
			.tag("result", result)
			.register(registry);
	}

	/**
	 * The deliveries of every tenant.
	 *
	 * @param pending open deliveries (pending or retrying)
	 * @param lagSeconds how long the oldest delivery the dispatcher could send now has
	 * been due
	 * @param dead dead letters
	 * @param openCircuits active webhooks whose circuit is open
	 */
	record Backlog(long pending, double lagSeconds, long dead, long openCircuits) {

	}

}
