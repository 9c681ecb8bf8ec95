package io.temponest.agents.cost;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The period a cost report covers: from {@code from} (included) until {@code until}
 * (excluded).
 *
 * @param from the first instant
 * @param until the first instant after the period
 */
record CostPeriod(Instant from, Instant until) {

	/** The length of a report's period without a start. */
	static final Duration DEFAULT_LENGTH = Duration.ofDays(30);

	/**
	 * The period of a report's {@code start_date} and {@code end_date}: without an end it
	 * ends with the current UTC day, without a start it starts {@link #DEFAULT_LENGTH}
	 * before its end (by default the last 30 UTC days, today included).
	 * @param start the start, if given
	 * @param end the end, if given
	 * @param now the current instant
	 * @return the period
	 * @throws InvalidCostQueryException when the start is after the end
	 */
	static CostPeriod of(@Nullable DateBound start, @Nullable DateBound end, Instant now) {
		if (start != null && end != null && start.instant().isAfter(end.instant())) {
			throw new InvalidCostQueryException("start_date", "must not be after end_date");
		}
		Instant until = (end != null) ? end.until() : BudgetPeriod.DAILY.end(now);
		Instant from = (start != null) ? start.from() : until.minus(DEFAULT_LENGTH);
		return new CostPeriod(from, from.isAfter(until) ? from : until);
	}

}
