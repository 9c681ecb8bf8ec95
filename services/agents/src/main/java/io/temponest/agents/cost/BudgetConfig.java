package io.temponest.agents.cost;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's budget limits ({@code GET/POST /costs/budget}): a missing or null limit is
 * no limit (setting one to null clears it).
 *
 * @param dailyLimitUsd the most the tenant may spend in a UTC day
 * @param monthlyLimitUsd the most the tenant may spend in a UTC month
 * @param alertThreshold the fraction of a limit (0 to 1) whose crossing raises a warning
 * alert; 0.8 when not given
 */
record BudgetConfig(@DecimalMin(value = "0", inclusive = false) @DecimalMax(MAX_LIMIT) @Nullable Double dailyLimitUsd,
		@DecimalMin(value = "0", inclusive = false) @DecimalMax(MAX_LIMIT) @Nullable Double monthlyLimitUsd,
		@DecimalMin("0") @DecimalMax("1") @Nullable Double alertThreshold) {

	/** The largest limit. */
	static final String MAX_LIMIT = "99999999";

	/** The alert threshold when none is given. */
	static final double DEFAULT_ALERT_THRESHOLD = 0.8;

	/**
	 * The alert threshold, or the default.
	 * @return the fraction
	 */
	double threshold() {
		return (this.alertThreshold != null) ? this.alertThreshold : DEFAULT_ALERT_THRESHOLD;
	}

}
