package io.temponest.agents.activity;

import java.time.Duration;
import java.util.UUID;

import io.temponest.agents.project.ProjectActivity.RunChanged;
import io.temponest.cache.JsonCache;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The observability metrics of each tenant, cached under {@code obs_metrics:<tenant>} for
 * {@link #TTL} and forgotten once a change of a run of the tenant has committed.
 */
@Component
class MetricsCache {

	/** How long a tenant's metrics are kept when no run changes. */
	static final Duration TTL = Duration.ofSeconds(30);

	private final JsonCache cache;

	private final MetricsQueries queries;

	MetricsCache(JsonCache cache, MetricsQueries queries) {
		this.cache = cache;
		this.queries = queries;
	}

	ObservabilityMetrics metrics(UUID tenant) {
		return this.cache.getOrCompute(key(tenant), ObservabilityMetrics.class, TTL, () -> this.queries.metrics(tenant),
				(metrics) -> true);
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(RunChanged run) {
		this.cache.evict(key(run.tenantId()));
	}

	static String key(UUID tenant) {
		return "obs_metrics:" + tenant;
	}

}
