package io.temponest.agents.agent;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /agents/{id}}: the fields to change; absent or null fields
 * stay as they are.
 *
 * @param name a new name
 * @param description a new description
 * @param model a new model
 * @param provider a new provider
 * @param systemPrompt a new system prompt
 * @param tools new tool names
 * @param ragCollectionIds new knowledge collections
 * @param requireCitations whether runs now require citations
 * @param maxIterations a new step limit
 * @param temperature a new temperature
 * @param metadata new metadata
 */
record AgentPatch(@Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*") @Nullable String name,
		@Size(max = 2000) @Nullable String description, @Size(min = 1, max = 255) @Nullable String model,
		@Size(max = 50) @Nullable String provider, @Size(max = 20000) @Nullable String systemPrompt,
		@Size(max = 50) @Nullable List<@Size(max = 255) String> tools,
		@Size(max = 50) @Nullable List<@Size(max = 255) String> ragCollectionIds, @Nullable Boolean requireCitations,
		@Min(1) @Max(100) @Nullable Integer maxIterations,
		@DecimalMin("0.0") @DecimalMax("2.0") @Nullable Double temperature, @Nullable Map<String, Object> metadata) {

}
