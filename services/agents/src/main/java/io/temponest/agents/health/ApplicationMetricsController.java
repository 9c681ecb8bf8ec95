package io.temponest.agents.health;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.tenant.TenantQueries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/metrics}: the caller's tenant's application counters in the shape
 * clients of the original read (the knowledge base and tracing counters are zero until
 * those parts exist).
 */
@RestController
@Tag(name = "health")
class ApplicationMetricsController {

	private final TenantQueries queries;

	private final Clock clock;

	ApplicationMetricsController(TenantQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/api/metrics")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "Application counters of the caller's tenant")
	Map<String, Object> metrics(@AuthenticationPrincipal AuthPrincipal caller) {
		Map<String, Object> counts = this.queries.queryOptional("""
				SELECT count(*) AS idempotency_keys FROM agents.idempotency_keys WHERE expires_at > :now
				""", new MapSqlParameterSource("now", Timestamp.from(this.clock.instant())), (rs, row) -> {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("idempotency_cache_size", rs.getLong("idempotency_keys"));
			return values;
		}).orElseThrow();
		Map<String, Object> body = new LinkedHashMap<>(counts);
		body.put("rag_collection_size", 0);
		body.put("langfuse_traces", 0);
		body.put("tenant_id", caller.tenantId());
		return body;
	}

}
