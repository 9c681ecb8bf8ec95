package io.temponest.agents.dashboard;

import java.time.Instant;

/**
 * The dashboard's KPI tiles of a tenant.
 *
 * @param projectsTotal all projects
 * @param projectsActive projects not in the idle column
 * @param runsToday runs created in the last 24 hours
 * @param queueDepth runs waiting to start
 * @param activeJobs runs running
 * @param agentsTotal built-in and tenant agents
 * @param agentsHealthy agents whose card says healthy
 * @param agentHealthPercent healthy agents among all, in percent with one decimal
 * @param computedAt when the figures were read (they may be up to a minute old)
 */
record Kpis(long projectsTotal, long projectsActive, long runsToday, long queueDepth, long activeJobs, long agentsTotal,
		long agentsHealthy, double agentHealthPercent, Instant computedAt) {

}
