package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The recorded cost of a run as the run's response reports it ({@code cost_info}).
 *
 * @param taskId the run
 * @param totalCostUsd input plus output cost
 * @param inputCostUsd cost of the input tokens
 * @param outputCostUsd cost of the output tokens
 * @param totalTokens input plus output tokens
 * @param budgetStatus the tenant's budgets after the run
 */
public record CostInfo(String taskId, BigDecimal totalCostUsd, BigDecimal inputCostUsd, BigDecimal outputCostUsd,
		int totalTokens, BudgetStatus budgetStatus) {

	/**
	 * The tenant's budgets after a run.
	 *
	 * @param withinBudget no budget is used up
	 * @param budgetExceeded some budget is used up (its spend reached its limit)
	 * @param alerts the alerts this run raised
	 */
	public record BudgetStatus(boolean withinBudget, boolean budgetExceeded, List<Alert> alerts) {

		/** No budget, or none used up, and no alert. */
		public static final BudgetStatus WITHIN = new BudgetStatus(true, false, List.of());

	}

	/**
	 * An alert a run raised.
	 *
	 * @param budgetId the budget
	 * @param alertType {@code warning} (alert threshold crossed) or {@code exceeded}
	 * (limit reached)
	 */
	public record Alert(UUID budgetId, String alertType) {

	}

}
