package io.temponest.agents.collaboration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The sessions' meters: {@code temponest.collaboration.sessions} by pattern and final
 * status (completed, failed, cancelled, and abandoned: failed by a sweep because the
 * instance running it stopped), {@code temponest.collaboration.duration} by pattern, and
 * the gauge {@code temponest.collaboration.active} of sessions executing in this
 * instance. Every pattern's and status's series exists from the start (at 0), so that
 * rates and alerts see the first session end.
 */
@Component
class CollaborationMetrics {

	private final MeterRegistry registry;

	private static final List<String> STATUSES = List.of("completed", "failed", "cancelled", "abandoned");

	private final AtomicInteger active = new AtomicInteger();

	CollaborationMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("temponest.collaboration.active", this.active, AtomicInteger::get)
			.description("Collaboration sessions executing in this instance")
			.register(registry);
		for (CollaborationPattern pattern : CollaborationPattern.values()) {
			STATUSES.forEach((status) -> sessions(pattern, status));
			duration(pattern);
		}
	}

	void started() {
		this.active.incrementAndGet();
	}

	void finished(CollaborationPattern pattern, String status, Duration duration) {
		this.active.decrementAndGet();
		sessions(pattern, status).increment();
		duration(pattern).record(duration);
	}

	/**
	 * Count sessions a sweep ended because their instance stopped.
	 * @param pattern their pattern
	 * @param count how many
	 */
	void abandoned(CollaborationPattern pattern, int count) {
		sessions(pattern, "abandoned").increment(count);
	}

	private Counter sessions(CollaborationPattern pattern, String status) {
		return Counter.builder("temponest.collaboration.sessions")
			.description("Collaboration sessions that ended, by pattern and status")
			.tag("pattern", pattern.id())
			.tag("status", status)
			.register(this.registry);
	}

	private Timer duration(CollaborationPattern pattern) {
		return Timer.builder("temponest.collaboration.duration")
			.description("Time from a session's start to its end")
			.tag("pattern", pattern.id())
			.register(this.registry);
	}

}
