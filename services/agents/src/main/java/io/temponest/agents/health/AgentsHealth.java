package io.temponest.agents.health;

import java.util.Map;

/**
 * Body of {@code GET /health}.
 *
 * @param status {@code healthy}; {@code degraded} when a provider in use does not answer
 * (runs on it fail with 503) or Redis is away; {@code unhealthy} (503) when the database
 * does not answer
 * @param service always {@code agents}
 * @param services the database, the cache, each provider and each built-in role
 * @param models the provider and model of each built-in role
 */
record AgentsHealth(String status, String service, Map<String, String> services, Map<String, String> models) {

}
