package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An active budget of a tenant and its spend as last written.
 *
 * @param period the budget's period
 * @param limit the limit in USD
 * @param spend the spend of the period that starts at {@code periodStart}
 * @param periodStart the start of the period the spend belongs to
 */
record BudgetState(BudgetPeriod period, BigDecimal limit, BigDecimal spend, Instant periodStart) {

	/**
	 * The spend of the period that contains an instant (nothing yet if the last spend
	 * belongs to an earlier period).
	 * @param now the instant
	 * @return the spend
	 */
	BigDecimal spendAt(Instant now) {
		return this.periodStart.equals(this.period.start(now)) ? this.spend : BigDecimal.ZERO;
	}

	/**
	 * Whether the spend of the period that contains an instant has reached the limit.
	 * @param now the instant
	 * @return whether the budget is used up
	 */
	boolean usedUpAt(Instant now) {
		return spendAt(now).compareTo(this.limit) >= 0;
	}

}
