package io.temponest.agents.collaboration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of collaboration sessions ({@code temponest.agents.collaboration.*}).
 *
 * @param maxRunningSessions sessions executing at once in this instance
 * @param queueCapacity accepted sessions waiting for a worker; beyond it, 503
 * @param maxParallelSteps the most steps of one session running at once (parallel and
 * hierarchical patterns), and the highest {@code config.max_concurrency}
 * @param maxAgents the most agents in one session
 * @param maxIterations the highest {@code config.max_iterations} of the iterative pattern
 */
@ConfigurationProperties("temponest.agents.collaboration")
@Validated
public record CollaborationProperties(@DefaultValue("8") @Min(1) @Max(256) int maxRunningSessions,
		@DefaultValue("100") @Min(0) int queueCapacity, @DefaultValue("4") @Min(1) @Max(64) int maxParallelSteps,
		@DefaultValue("10") @Min(1) @Max(50) int maxAgents, @DefaultValue("10") @Min(1) @Max(100) int maxIterations) {

}
