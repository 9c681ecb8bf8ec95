package io.temponest.agents.health;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.agents.llm.LlmProvider;
import io.temponest.agents.llm.ModelChoice;
import io.temponest.agents.llm.ProviderReachability;
import io.temponest.agents.llm.Reachability;
import io.temponest.agents.role.AgentRole;
import io.temponest.agents.run.RoleModels;
import io.temponest.cache.JsonCache;
import io.temponest.cache.RedisAvailability;
import io.temponest.security.database.DatabaseProbe;
import io.temponest.security.health.HealthReport;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: the database (the shared, time-bounded probe), Redis, each LLM
 * provider (probed at most every 10 s, the answers cached under
 * {@code health:agents:providers}: they are remote calls) and the roles' models; 503 only
 * when the database does not answer.
 */
@RestController
@Tag(name = "health")
class HealthController {

	static final String PROVIDERS_CACHE_KEY = "health:agents:providers";

	private static final Duration PROVIDERS_TTL = Duration.ofSeconds(10);

	private final DatabaseProbe database;

	private final JsonCache cache;

	private final RedisAvailability redis;

	private final ProviderReachability providers;

	private final RoleModels models;

	HealthController(DatabaseProbe database, JsonCache cache, RedisAvailability redis, ProviderReachability providers,
			RoleModels models) {
		this.database = database;
		this.cache = cache;
		this.redis = redis;
		this.providers = providers;
		this.models = models;
	}

	@GetMapping("/health")
	@Operation(summary = "Service health (database, cache, LLM providers, roles); 503 while the database is "
			+ "unreachable")
	ResponseEntity<AgentsHealth> health() {
		HealthReport report = HealthReport.check(this.database, this.redis);
		ProviderStates providers = this.cache.getOrCompute(PROVIDERS_CACHE_KEY, ProviderStates.class, PROVIDERS_TTL,
				this::probeProviders, (states) -> true);
		boolean cacheUp = HealthReport.CONNECTED.equals(report.cacheState());
		Map<String, String> services = new LinkedHashMap<>();
		services.put("database", report.database() ? HealthReport.HEALTHY : HealthReport.UNHEALTHY);
		services.put("cache", cacheUp ? HealthReport.HEALTHY : HealthReport.UNHEALTHY);
		services.putAll(providers.states());
		Map<String, String> roleModels = new LinkedHashMap<>();
		for (AgentRole role : AgentRole.values()) {
			services.put(role.slug(), "ready");
			ModelChoice model = this.models.modelFor(role);
			roleModels.put(role.slug() + "_provider", model.provider().id());
			roleModels.put(role.slug() + "_model", model.model());
		}
		String status = (report.healthy() && !(providers.usedReachable() && cacheUp)) ? "degraded" : report.status();
		return report.respond(new AgentsHealth(status, "agents", services, roleModels));
	}

	private ProviderStates probeProviders() {
		Set<LlmProvider> used = EnumSet.noneOf(LlmProvider.class);
		for (AgentRole role : AgentRole.values()) {
			used.add(this.models.modelFor(role).provider());
		}
		Map<String, String> states = new TreeMap<>();
		boolean usedReachable = true;
		for (LlmProvider provider : LlmProvider.values()) {
			Reachability state = this.providers.check(provider);
			states.put(provider.id(), state.id());
			usedReachable &= !used.contains(provider) || state == Reachability.REACHABLE;
		}
		return new ProviderStates(states, usedReachable);
	}

}
