package io.temponest.agents.agent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A tenant's agent as stored in {@code agents.agents} (row-level security keeps it to its
 * tenant).
 *
 * @param id the id, null until inserted
 * @param version optimistic lock of concurrent updates, null until inserted
 * @param tenantId the tenant
 * @param name the name
 * @param description what it is for
 * @param provider the LLM provider's name
 * @param model the provider's model
 * @param systemPrompt the system message of every run
 * @param tools tool names, a JSON array
 * @param ragCollectionIds knowledge collections, a JSON array
 * @param requireCitations whether a run needs at least two good excerpts from them
 * @param maxIterations the most steps of one run
 * @param temperature the sampling temperature
 * @param metadata free-form data, a JSON object
 * @param createdBy the creating user
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
@Table(schema = "agents", name = "agents")
record AgentEntity(@Id @Nullable UUID id, @Version @Nullable Long version, UUID tenantId, String name,
		@Nullable String description, String provider, String model, @Nullable String systemPrompt, JsonColumn tools,
		JsonColumn ragCollectionIds, boolean requireCitations, int maxIterations, double temperature,
		JsonColumn metadata, @InsertOnlyProperty @Nullable UUID createdBy, @InsertOnlyProperty Instant createdAt,
		Instant updatedAt) {

}
