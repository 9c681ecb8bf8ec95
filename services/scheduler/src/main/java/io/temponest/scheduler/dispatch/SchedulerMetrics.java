package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The scheduler's metrics: runs by outcome, lag from due to started, occurrences opened
 * and skipped (misfires), claim conflicts, lease expirations and renewal failures, and
 * gauges of active schedules, backlog age and runs in flight.
 */
@Component
class SchedulerMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> runs = new ConcurrentHashMap<>();

	private final Timer lag;

	private final Counter opened;

	private final Counter misfires;

	private final Counter leaseExpirations;

	private final AtomicLong activeSchedules = new AtomicLong();

	private final AtomicLong backlogAgeMillis = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	SchedulerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.lag = Timer.builder("temponest.schedule.lag")
			.description("Time from an occurrence being due to its first attempt starting")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
		this.opened = Counter.builder("temponest.schedule.occurrences")
			.description("Scheduled occurrences turned into executions")
			.register(registry);
		this.misfires = Counter.builder("temponest.schedule.misfires")
			.description("Occurrences skipped because they were found more than the misfire threshold late")
			.register(registry);
		this.leaseExpirations = Counter.builder("temponest.schedule.lease.expirations")
			.description("Attempts whose lease expired and were taken over")
			.register(registry);
		Gauge.builder("temponest.schedules.active", this.activeSchedules, AtomicLong::get)
			.description("Active, unpaused schedules of all tenants")
			.register(registry);
		Gauge.builder("temponest.schedule.backlog.age", this.backlogAgeMillis, (millis) -> millis.get() / 1000.0)
			.description("How long the oldest due occurrence or retry has been waiting to start")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("temponest.schedule.runs.in.flight", this.inFlight, AtomicInteger::get)
			.description("Agent calls in flight on this instance")
			.register(registry);
		for (String status : new String[] { "completed", "failed", "timeout", "retrying" }) {
			run(status, 0);
		}
		claimConflict("open", 0);
		claimConflict("finish", 0);
		leaseRenewalFailed("fenced", 0);
		leaseRenewalFailed("error", 0);
	}

	void lag(Duration duration) {
		this.lag.record(duration.isNegative() ? Duration.ZERO : duration);
	}

	void run(String status) {
		run(status, 1);
	}

	private void run(String status, int amount) {
		this.runs
			.computeIfAbsent(status,
					(tag) -> Counter.builder("temponest.schedule.runs")
						.description("Attempts of scheduled and triggered runs by outcome")
						.tag("status", tag)
						.register(this.registry))
			.increment(amount);
	}

	void occurrencesOpened(int opened, int conflicts, long skipped) {
		this.opened.increment(opened);
		this.misfires.increment(skipped);
		claimConflict("open", conflicts);
	}

	void claimConflict(String stage, int amount) {
		Counter.builder("temponest.schedule.claim.conflicts")
			.description("Claims that found their row already taken (open) or results refused because the "
					+ "lease had passed to another attempt (finish)")
			.tag("stage", stage)
			.register(this.registry)
			.increment(amount);
	}

	void leaseExpired() {
		this.leaseExpirations.increment();
	}

	void leaseRenewalFailed(String reason, int amount) {
		Counter.builder("temponest.schedule.lease.renewal.failures")
			.description("Lease renewals that failed: the attempt had lost its lease to another (fenced), or the "
					+ "renewal statement failed (error, counted once per run in flight)")
			.tag("reason", reason)
			.register(this.registry)
			.increment(amount);
	}

	void backlog(long activeSchedules, Duration waiting) {
		this.activeSchedules.set(activeSchedules);
		this.backlogAgeMillis.set(Math.max(0, waiting.toMillis()));
	}

	void runStarted() {
		this.inFlight.incrementAndGet();
	}

	void runEnded() {
		this.inFlight.decrementAndGet();
	}

}
