package io.temponest.agents.dashboard;

import java.time.Duration;
import java.util.UUID;

import io.temponest.agents.project.ProjectActivity;
import io.temponest.cache.JsonCache;

import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The KPI tiles of a tenant, read through a cache of {@link #TTL} per tenant; a committed
 * change of a project or a run evicts its tenant's tiles, so a board never shows a run in
 * a state it has left for long (the agents' health may lag by up to the TTL).
 */
@Service
class Dashboard {

	/** How long a tenant's tiles are reused. */
	static final Duration TTL = Duration.ofSeconds(60);

	private final DashboardQueries queries;

	private final JsonCache cache;

	Dashboard(DashboardQueries queries, JsonCache cache) {
		this.queries = queries;
		this.cache = cache;
	}

	Kpis kpis(UUID tenant) {
		return this.cache.getOrCompute(key(tenant), Kpis.class, TTL, () -> this.queries.kpis(tenant), (kpis) -> true);
	}

	AgentCards cards(UUID tenant) {
		return this.queries.cards(tenant);
	}

	@TransactionalEventListener
	void evict(ProjectActivity activity) {
		this.cache.evict(key(activity.tenantId()));
	}

	static String key(UUID tenant) {
		return "dashboard_kpis:" + tenant;
	}

}
