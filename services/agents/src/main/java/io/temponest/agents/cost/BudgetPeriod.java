package io.temponest.agents.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The periods of a budget: UTC days and UTC months. */
enum BudgetPeriod {

	/** A UTC day. */
	DAILY("daily"),

	/** A UTC calendar month. */
	MONTHLY("monthly");

	private final String type;

	BudgetPeriod(String type) {
		this.type = type;
	}

	/**
	 * The value of {@code cost_budgets.budget_type}.
	 * @return the value
	 */
	String type() {
		return this.type;
	}

	/**
	 * The start of the period that contains an instant.
	 * @param now the instant
	 * @return the start
	 */
	Instant start(Instant now) {
		LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate first = (this == DAILY) ? day : day.withDayOfMonth(1);
		return first.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/**
	 * The end (exclusive) of the period that contains an instant.
	 * @param now the instant
	 * @return the end
	 */
	Instant end(Instant now) {
		LocalDate first = LocalDate.ofInstant(start(now), ZoneOffset.UTC);
		LocalDate next = (this == DAILY) ? first.plusDays(1) : first.plusMonths(1);
		return next.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	/**
	 * The period of a {@code budget_type} value.
	 * @param type the value
	 * @return the period
	 */
	static BudgetPeriod of(String type) {
		for (BudgetPeriod period : values()) {
			if (period.type.equals(type)) {
				return period;
			}
		}
		throw new IllegalArgumentException("Unknown budget type " + type);
	}

}
