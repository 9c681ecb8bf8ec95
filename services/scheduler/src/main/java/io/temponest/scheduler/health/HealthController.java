package io.temponest.scheduler.health;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import io.temponest.scheduler.dispatch.Poller;
import io.temponest.scheduler.dispatch.PollerHealthIndicator;
import io.temponest.scheduler.dispatch.PollerState;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.security.health.HealthReport;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} in the shape clients of the original read: database (the shared,
 * time-bounded probe, so an outage shows within about a second), poller and agents
 * service (its answer cached for 10 s under {@code health:scheduler:agents}, being a
 * remote call); 503 when the database is unreachable or the poller is stuck.
 */
@RestController
@Tag(name = "health")
class HealthController {

	static final String AGENTS_CACHE_KEY = "health:scheduler:agents";

	private static final Duration AGENTS_TTL = Duration.ofSeconds(10);

	private final DatabaseProbe database;

	private final JsonCache cache;

	private final RedisAvailability redis;

	private final Poller poller;

	private final PollerHealthIndicator pollerHealth;

	private final AgentServiceProbe agents;

	HealthController(DatabaseProbe database, JsonCache cache, RedisAvailability redis, Poller poller,
			PollerHealthIndicator pollerHealth, AgentServiceProbe agents) {
		this.database = database;
		this.cache = cache;
		this.redis = redis;
		this.poller = poller;
		this.pollerHealth = pollerHealth;
		this.agents = agents;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database, poller, agents service); 503 while the database is "
			+ "unreachable or the poller is stuck")
	ResponseEntity<SchedulerHealth> health() {
		PollerState state = this.poller.state();
		boolean pollerUp = this.pollerHealth.healthy(state);
		HealthReport report = HealthReport.check(this.database, this.redis).require(pollerUp);
		boolean agentsAvailable = this.cache.getOrCompute(AGENTS_CACHE_KEY, Boolean.class, AGENTS_TTL,
				this.agents::available, Boolean::booleanValue);
		return report.respond(new SchedulerHealth(report.status(), "scheduler", pollerUp && state.running(),
				state.runsInFlight(), report.database(), agentsAvailable, report.cacheState()));
	}

}
