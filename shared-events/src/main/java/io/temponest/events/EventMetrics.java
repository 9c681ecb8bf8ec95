package io.temponest.events;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Metrics of the outbox: events published (committed), delivered, failed attempts, dead
 * letters, and gauges of the outbox of every tenant: pending events, dead events and the
 * age of the oldest pending one (the lag), as of the relay's last look.
 */
final class EventMetrics {

	private final Counter published;

	private final Counter delivered;

	private final Counter failed;

	private final Counter dead;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong deadStored = new AtomicLong();

	private final AtomicLong lagMillis = new AtomicLong();

	EventMetrics(MeterRegistry registry) {
		this.published = Counter.builder("temponest.events.published")
			.description("Platform events written to the outbox (committed)")
			.register(registry);
		this.delivered = Counter.builder("temponest.events.delivered")
			.description("Platform events accepted by the receiver")
			.register(registry);
		this.failed = Counter.builder("temponest.events.failed")
			.description("Delivery attempts of platform events that failed and will be retried")
			.register(registry);
		this.dead = Counter.builder("temponest.events.dead")
			.description("Platform events dead-lettered (refused by the receiver, or out of attempts)")
			.register(registry);
		Gauge.builder("temponest.events.outbox.pending", this.pending, AtomicLong::get)
			.description("Platform events waiting in the outbox, all tenants")
			.register(registry);
		Gauge.builder("temponest.events.outbox.dead", this.deadStored, AtomicLong::get)
			.description("Dead-lettered platform events kept in the outbox, all tenants")
			.register(registry);
		Gauge.builder("temponest.events.outbox.lag", this.lagMillis, (millis) -> millis.get() / 1000.0)
			.description("Age of the oldest platform event waiting in the outbox (0 when none waits)")
			.baseUnit("seconds")
			.register(registry);
	}

	void published(int count) {
		this.published.increment(count);
	}

	void delivered(int count) {
		this.delivered.increment(count);
	}

	void failed(int count) {
		this.failed.increment(count);
	}

	void dead(int count) {
		this.dead.increment(count);
	}

	void backlog(long pending, long dead, long lagMillis) {
		this.pending.set(pending);
		this.deadStored.set(dead);
		this.lagMillis.set(Math.max(0, lagMillis));
	}

}
