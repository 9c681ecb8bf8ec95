package io.temponest.workers.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * {@value #METRIC} gauge: pipelines by status ({@code state} tag) over all tenants, read
 * from the database at most every 10 s (a scrape never waits for more than one count).
 */
@Component
class PipelineMetrics {

	static final String METRIC = "temponest.pipelines";

	static final List<String> STATES = List.of("running", "completed", "cancelled", "timeout", "failed",
			"ready_for_deployment");

	private static final Duration MAX_AGE = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(PipelineMetrics.class);

	private final PipelineRegistry registry;

	private final Clock clock;

	private volatile Map<String, Long> counts = Map.of();

	private volatile Instant readAt = Instant.EPOCH;

	PipelineMetrics(PipelineRegistry registry, Clock clock, MeterRegistry meters) {
		this.registry = registry;
		this.clock = clock;
		for (String state : STATES) {
			Gauge.builder(METRIC, () -> count(state))
				.tag("state", state)
				.description("Pipelines by state")
				.register(meters);
		}
	}

	private double count(String state) {
		Instant now = this.clock.instant();
		if (Duration.between(this.readAt, now).compareTo(MAX_AGE) >= 0 || now.isBefore(this.readAt)) {
			try {
				this.counts = this.registry.countsByStatus();
			}
			catch (RuntimeException ex) {
				log.debug("Could not count pipelines: {}", ex.toString());
			}
			this.readAt = now;
		}
		return this.counts.getOrDefault(state, 0L);
	}

}
