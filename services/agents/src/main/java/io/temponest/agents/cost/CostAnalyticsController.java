package io.temponest.agents.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web dashboard's cost views: the totals of a period and the daily timeline of
 * executions per agent. Every parameter is typed (a date, a number of days): text that is
 * not one is a bad request before any SQL runs.
 */
@RestController
@Tag(name = "costs")
@PreAuthorize("hasAuthority('costs:read')")
class CostAnalyticsController {

	private static final Instant FIRST = Instant.parse("2000-01-01T00:00:00Z");

	private final CostAnalytics analytics;

	private final Clock clock;

	CostAnalyticsController(CostAnalytics analytics, Clock clock) {
		this.analytics = analytics;
		this.clock = clock;
	}

	@GetMapping("/api/costs/summary")
	@Operation(summary = "Total cost, tokens and executions from start_date to end_date (whole UTC days, both "
			+ "included); without dates, of all time")
	CostTotals summary(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(name = "start_date", required = false) @Nullable DateBound start,
			@RequestParam(name = "end_date", required = false) @Nullable DateBound end) {
		Instant now = this.clock.instant();
		CostPeriod period = (start == null && end == null) ? new CostPeriod(FIRST, BudgetPeriod.DAILY.end(now))
				: CostPeriod.of(start, end, now);
		return this.analytics.totals(caller.tenantUuid(), period);
	}

	@GetMapping("/api/analytics/executions/timeline")
	@Operation(summary = "Executions per UTC day and agent of the last `days` days (today included), newest day "
			+ "first: count, tokens, cost, mean latency and failures")
	List<TimelineRow> timeline(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(defaultValue = "7") @Min(1) @Max(366) int days) {
		Instant tomorrow = BudgetPeriod.DAILY.end(this.clock.instant());
		return this.analytics.timeline(caller.tenantUuid(),
				new CostPeriod(tomorrow.minus(Duration.ofDays(days)), tomorrow));
	}

}
