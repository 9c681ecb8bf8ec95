package io.temponest.agents.project;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A new run of a project.
 *
 * @param step the step or agent it runs
 * @param kind wizard, build (the default), deploy or calc
 * @param status pending (the default), running, success, failed or cancelled
 * @param costUsd what it cost so far
 * @param logs its log so far
 */
record RunRequest(@NotBlank @Size(max = 255) String step,
		@Pattern(regexp = "wizard|build|deploy|calc",
				message = "must be wizard, build, deploy or calc") @Nullable String kind,
		@Pattern(regexp = RunStatus.ALL, message = RunStatus.MESSAGE) @Nullable String status,
		@DecimalMin("0") @DecimalMax("999999") @Nullable BigDecimal costUsd,
		@Size(max = RunStatus.MAX_LOG) @Nullable String logs) {

}
