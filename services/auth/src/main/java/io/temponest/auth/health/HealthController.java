package io.temponest.auth.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.cache.RedisAvailability;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.security.health.HealthReport;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} in the shape clients of the original read: a real, time-bounded
 * database check (the shared probe, reused for at most half a second, so an outage shows
 * within about a second) and the cache state; 503 when the database is unreachable.
 */
@RestController
@Tag(name = "health")
class HealthController {

	private final DatabaseProbe database;

	private final RedisAvailability redis;

	HealthController(DatabaseProbe database, RedisAvailability redis) {
		this.database = database;
		this.redis = redis;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database and cache); 503 while the database is unreachable")
	ResponseEntity<ServiceHealth> health() {
		HealthReport report = HealthReport.check(this.database, this.redis);
		return report.respond(new ServiceHealth(report.status(), "auth", report.databaseState(), report.cacheState()));
	}

}
