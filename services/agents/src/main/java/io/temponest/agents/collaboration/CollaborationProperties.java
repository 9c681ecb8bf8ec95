package io.temponest.agents.collaboration;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

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
 * @param lease how long a session stays this instance's without a renewal (renewed every
 * third of it while queued or running); once it runs out, any instance's sweep fails the
 * session as abandoned
 * @param sweepInterval how often this instance looks for abandoned sessions of every
 * instance
 */
@ConfigurationProperties("temponest.agents.collaboration")
@Validated
public record CollaborationProperties(@DefaultValue("8") @Min(1) @Max(256) int maxRunningSessions,
		@DefaultValue("100") @Min(0) int queueCapacity, @DefaultValue("4") @Min(1) @Max(64) int maxParallelSteps,
		@DefaultValue("10") @Min(1) @Max(50) int maxAgents, @DefaultValue("10") @Min(1) @Max(100) int maxIterations,
		@DefaultValue("60s") @DurationMin(seconds = 3) Duration lease,
		@DefaultValue("30s") @DurationMin(seconds = 1) Duration sweepInterval) {

}
