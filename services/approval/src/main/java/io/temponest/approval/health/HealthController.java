package io.temponest.approval.health;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.approval.signal.TemporalProbe;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.security.health.HealthReport;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} in the shape its clients read: the database (the shared,
 * time-bounded probe) and Temporal (its answer cached for 10 s under
 * {@code health:approval:temporal}); 503 only when the database is unreachable.
 */
@RestController
@Tag(name = "health")
class HealthController {

	static final String TEMPORAL_CACHE_KEY = "health:approval:temporal";

	private static final Duration TEMPORAL_TTL = Duration.ofSeconds(10);

	private final DatabaseProbe database;

	private final JsonCache cache;

	private final RedisAvailability redis;

	private final TemporalProbe temporal;

	HealthController(DatabaseProbe database, JsonCache cache, RedisAvailability redis, TemporalProbe temporal) {
		this.database = database;
		this.cache = cache;
		this.redis = redis;
		this.temporal = temporal;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database, Temporal); 503 while the database is unreachable")
	ResponseEntity<ApprovalHealth> health() {
		HealthReport report = HealthReport.check(this.database, this.redis);
		boolean temporalUp = this.cache.getOrCompute(TEMPORAL_CACHE_KEY, Boolean.class, TEMPORAL_TTL,
				this.temporal::reachable, Boolean::booleanValue);
		return report.respond(new ApprovalHealth(report.status(), "approval", report.databaseState(),
				temporalUp ? HealthReport.CONNECTED : HealthReport.DISCONNECTED, report.cacheState()));
	}

}
