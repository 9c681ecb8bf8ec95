package io.temponest.workers.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.security.database.CachedReading;

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

	private final CachedReading<Map<String, Long>> counts;

	PipelineMetrics(PipelineRegistry registry, MeterRegistry meters) {
		this.counts = new CachedReading<>("pipeline counts", Map.of(), registry::countsByStatus, MAX_AGE);
		for (String state : STATES) {
			Gauge.builder(METRIC, () -> this.counts.get().getOrDefault(state, 0L))
				.tag("state", state)
				.description("Pipelines by state")
				.register(meters);
		}
	}

}
