package io.temponest.scheduler.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import io.temponest.scheduler.dispatch.Poller;
import io.temponest.scheduler.dispatch.PollerHealthIndicator;
import io.temponest.scheduler.dispatch.PollerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's {@code GET /health}: database, poller and agents service, cached for 10
 * s under {@code health:scheduler}; 503 when the database is unreachable or the poller is
 * stuck (the original always answered 200).
 */
@RestController
@Tag(name = "health")
class HealthController {

	static final String CACHE_KEY = "health:scheduler";

	private static final java.time.Duration TTL = java.time.Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(HealthController.class);

	private final JdbcClient jdbc;

	private final JsonCache cache;

	private final RedisAvailability redis;

	private final Poller poller;

	private final PollerHealthIndicator pollerHealth;

	private final AgentServiceProbe agents;

	HealthController(JdbcClient jdbc, JsonCache cache, RedisAvailability redis, Poller poller,
			PollerHealthIndicator pollerHealth, AgentServiceProbe agents) {
		this.jdbc = jdbc;
		this.cache = cache;
		this.redis = redis;
		this.poller = poller;
		this.pollerHealth = pollerHealth;
		this.agents = agents;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database, poller, agents service), cached for 10 s")
	ResponseEntity<SchedulerHealth> health() {
		SchedulerHealth health = this.cache.getOrCompute(CACHE_KEY, SchedulerHealth.class, TTL, this::check,
				SchedulerHealth::healthy);
		return ResponseEntity.status(health.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
	}

	private SchedulerHealth check() {
		boolean database = databaseReachable();
		PollerState state = this.poller.state();
		boolean pollerUp = this.pollerHealth.healthy(state);
		boolean healthy = database && pollerUp;
		return new SchedulerHealth(healthy ? "healthy" : "unhealthy", "scheduler", pollerUp && state.running(),
				state.runsInFlight(), database, this.agents.available(),
				this.redis.isDegraded() ? "disconnected" : "connected");
	}

	private boolean databaseReachable() {
		try {
			return this.jdbc.sql("SELECT 1").query(Integer.class).single() == 1;
		}
		catch (DataAccessException ex) {
			log.warn("Health check: database unreachable: {}", ex.getMessage());
			return false;
		}
	}

}
