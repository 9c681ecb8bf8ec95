package io.temponest.ingestion.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.cache.RedisAvailability;
import io.temponest.ingestion.embedding.Embedders;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.security.health.HealthReport;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: the database (the shared, time-bounded probe) and Redis; 503 only
 * without the database.
 */
@RestController
@Tag(name = "health")
class HealthController {

	private final DatabaseProbe database;

	private final RedisAvailability redis;

	private final Embedders embedders;

	HealthController(DatabaseProbe database, RedisAvailability redis, Embedders embedders) {
		this.database = database;
		this.redis = redis;
		this.embedders = embedders;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database, cache, embedding models); 503 while the database is unreachable")
	ResponseEntity<IngestionHealth> health() {
		HealthReport report = HealthReport.check(this.database, this.redis);
		boolean cacheUp = HealthReport.CONNECTED.equals(report.cacheState());
		Map<String, String> services = new LinkedHashMap<>();
		services.put("database", report.database() ? HealthReport.HEALTHY : HealthReport.UNHEALTHY);
		services.put("cache", cacheUp ? HealthReport.HEALTHY : HealthReport.UNHEALTHY);
		String status = (report.healthy() && !cacheUp) ? "degraded" : report.status();
		return report.respond(new IngestionHealth(status, "ingestion", services, List.copyOf(this.embedders.names())));
	}

}
