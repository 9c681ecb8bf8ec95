package io.temponest.agents.agent;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /agents/}: a tenant agent.
 *
 * @param name its name
 * @param description what it is for
 * @param model the provider's model
 * @param provider {@code ollama} (the default), {@code openai} or {@code anthropic}
 * @param systemPrompt the system message of every run
 * @param tools tool names
 * @param ragCollectionIds knowledge collections
 * @param requireCitations whether a run fails (422) without at least two good excerpts
 * from them (default false)
 * @param maxIterations the most steps of one run, 1 to 100 (default 10)
 * @param temperature the sampling temperature, 0 to 2 (default 0.7)
 * @param metadata free-form data
 */
record AgentRequest(@NotBlank @Size(max = 255) @Nullable String name, @Size(max = 2000) @Nullable String description,
		@NotBlank @Size(max = 255) @Nullable String model, @Size(max = 50) @Nullable String provider,
		@Size(max = 20000) @Nullable String systemPrompt, @Size(max = 50) @Nullable List<@Size(max = 255) String> tools,
		@Size(max = 50) @Nullable List<@Size(max = 255) String> ragCollectionIds, @Nullable Boolean requireCitations,
		@Min(1) @Max(100) @Nullable Integer maxIterations,
		@DecimalMin("0.0") @DecimalMax("2.0") @Nullable Double temperature, @Nullable Map<String, Object> metadata) {

}
