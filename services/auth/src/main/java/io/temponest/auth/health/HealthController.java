package io.temponest.auth.health;

import java.time.Duration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's {@code GET /health}: a real database check, cached for 10 s under
 * {@code health:auth}; 503 when the database is unreachable (the original always said
 * healthy).
 */
@RestController
@Tag(name = "health")
class HealthController {

	static final String CACHE_KEY = "health:auth";

	private static final Duration TTL = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(HealthController.class);

	private final JdbcClient jdbc;

	private final JsonCache cache;

	private final RedisAvailability redis;

	HealthController(JdbcClient jdbc, JsonCache cache, RedisAvailability redis) {
		this.jdbc = jdbc;
		this.cache = cache;
		this.redis = redis;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database and cache), cached for 10 s")
	ResponseEntity<ServiceHealth> health() {
		ServiceHealth health = this.cache.getOrCompute(CACHE_KEY, ServiceHealth.class, TTL, this::check,
				ServiceHealth::healthy);
		return ResponseEntity.status(health.healthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
	}

	private ServiceHealth check() {
		boolean database = databaseReachable();
		String cacheState = this.redis.isDegraded() ? "disconnected" : "connected";
		return new ServiceHealth(database ? "healthy" : "unhealthy", "auth", database ? "connected" : "disconnected",
				cacheState);
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
