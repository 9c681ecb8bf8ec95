package io.temponest.approval.request;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The approval meters: {@code temponest_approvals{status}} (requests by state over all
 * tenants, refreshed by the sweeper), {@code temponest_approval_signals_undelivered},
 * {@code temponest_approval_decisions_total{decision}} and
 * {@code temponest_approval_wait_seconds{outcome}} (from request to its end).
 */
@Component
class ApprovalMetrics {

	private final MeterRegistry registry;

	private final Map<ApprovalStatus, AtomicLong> byStatus = new EnumMap<>(ApprovalStatus.class);

	private final AtomicLong undeliveredSignals = new AtomicLong();

	ApprovalMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (ApprovalStatus status : ApprovalStatus.values()) {
			AtomicLong value = new AtomicLong();
			this.byStatus.put(status, value);
			Gauge.builder("temponest.approvals", value, AtomicLong::get)
				.description("Approval requests by state, over all tenants")
				.tag("status", status.wire())
				.register(registry);
		}
		Gauge.builder("temponest.approval.signals.undelivered", this.undeliveredSignals, AtomicLong::get)
			.description("Workflow signals not yet delivered")
			.register(registry);
		for (Decision decision : Decision.values()) {
			decisions(decision);
		}
	}

	void decided(Decision decision, ApprovalStatus after, Instant createdAt, Instant now) {
		decisions(decision).increment();
		if (after != ApprovalStatus.PENDING) {
			ended(after, createdAt, now);
		}
	}

	void ended(ApprovalStatus outcome, Instant createdAt, Instant now) {
		Duration wait = Duration.between(createdAt, now);
		Timer.builder("temponest.approval.wait")
			.description("Time from an approval request to its end")
			.tag("outcome", outcome.wire())
			.register(this.registry)
			.record(wait.isNegative() ? Duration.ZERO : wait);
	}

	void counts(Map<String, Long> counts) {
		this.byStatus.forEach((status, value) -> value.set(counts.getOrDefault(status.wire(), 0L)));
		this.undeliveredSignals.set(counts.getOrDefault("undelivered_signals", 0L));
	}

	private Counter decisions(Decision decision) {
		return Counter.builder("temponest.approval.decisions")
			.description("Decisions recorded")
			.tag("decision", decision.wire())
			.register(this.registry);
	}

}
