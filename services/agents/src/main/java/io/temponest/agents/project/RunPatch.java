package io.temponest.agents.project;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A run's progress: its new status, log or cost (the given fields only).
 *
 * @param status pending, running, success, failed or cancelled
 * @param logs its whole log so far (replaces the stored one)
 * @param costUsd what it cost so far
 */
record RunPatch(@Pattern(regexp = RunStatus.ALL, message = RunStatus.MESSAGE) @Nullable String status,
		@Size(max = RunStatus.MAX_LOG) @Nullable String logs,
		@DecimalMin("0") @DecimalMax("999999") @Nullable BigDecimal costUsd) {

}
