package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;

import io.temponest.security.web.DomainException;

import org.springframework.http.HttpStatus;

/**
 * A run was refused because the tenant's daily or monthly spend reached its limit: 402
 * with the problem type {@value #TYPE}.
 */
public class BudgetExceededException extends DomainException {

	/** The problem type. */
	public static final String TYPE = "https://temponest.io/problems/budget-exceeded";

	private static final long serialVersionUID = 1L;

	BudgetExceededException(String budgetType, BigDecimal limit, BigDecimal spend) {
		super(HttpStatus.PAYMENT_REQUIRED, "The " + budgetType + " budget of $" + usd(limit) + " is used up ($"
				+ usd(spend) + " spent this " + ("daily".equals(budgetType) ? "day" : "month") + ")");
		getBody().setType(URI.create(TYPE));
		getBody().setTitle("Budget exceeded");
		getBody().setProperty("budget_type", budgetType);
		getBody().setProperty("limit_usd", limit);
		getBody().setProperty("spend_usd", spend);
	}

	/** Dollars with cents, and the fractions of a cent the amount has. */
	private static String usd(BigDecimal amount) {
		return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
			.toPlainString();
	}

}
