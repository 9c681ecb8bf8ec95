package io.temponest.agents.agent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An agent as the SDK reads it.
 *
 * @param id its id
 * @param tenantId the caller's tenant
 * @param name its name (a built-in role's slug)
 * @param description what it is for
 * @param model the provider's model
 * @param provider the provider
 * @param systemPrompt the system message (null for built-in roles, whose prompts are the
 * platform's)
 * @param tools tool names
 * @param ragCollectionIds knowledge collections
 * @param requireCitations whether a run fails (422) without at least two excerpts from
 * them scoring at least the minimum score
 * @param maxIterations the most steps of one run
 * @param temperature the sampling temperature
 * @param metadata free-form data
 * @param builtIn whether it is one of the seven built-in roles
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
record AgentView(String id, String tenantId, String name, @Nullable String description, String model, String provider,
		@Nullable String systemPrompt, List<Object> tools, List<Object> ragCollectionIds, boolean requireCitations,
		int maxIterations, double temperature, Map<String, Object> metadata, boolean builtIn, Instant createdAt,
		Instant updatedAt) {

}
