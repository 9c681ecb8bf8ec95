package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SDK's cost reports of the caller's tenant. Periods are UTC: {@code start_date} and
 * {@code end_date} take an ISO date (the whole day) or date-time; without them a report
 * covers the last 30 UTC days, today included. Money is USD.
 */
@RestController
@RequestMapping("/costs")
@Tag(name = "costs")
@PreAuthorize("hasAuthority('costs:read')")
class CostController {

	/** Complete UTC days a forecast averages. */
	static final int FORECAST_HISTORY_DAYS = 7;

	private final CostReports reports;

	private final CsvExport csv;

	private final Clock clock;

	CostController(CostReports reports, CsvExport csv, Clock clock) {
		this.reports = reports;
		this.csv = csv;
		this.clock = clock;
	}

	@GetMapping("/summary")
	@Operation(summary = "Total cost of a period, by provider, model and agent, with the tokens used; "
			+ "agent_id filters by agent name")
	CostSummary summary(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(name = "start_date", required = false) @Nullable DateBound start,
			@RequestParam(name = "end_date", required = false) @Nullable DateBound end,
			@RequestParam(name = "agent_id", required = false) @Size(max = 255) @Nullable String agent,
			@RequestParam(name = "project_id", required = false) @Size(max = 255) @Nullable String project) {
		return this.reports.summary(caller.tenantUuid(), CostPeriod.of(start, end, this.clock.instant()), agent,
				project);
	}

	@GetMapping("/daily")
	@Operation(summary = "Cost per UTC day of the last `days` days (today included), oldest first: {date: usd}")
	Map<String, Double> daily(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(defaultValue = "30") @Min(1) @Max(366) int days) {
		Instant today = BudgetPeriod.DAILY.start(this.clock.instant());
		return series(caller, today.minus(Duration.ofDays(days - 1L)), days, ChronoUnit.DAYS);
	}

	@GetMapping("/hourly")
	@Operation(summary = "Cost per UTC hour of the last `hours` hours (the current one included), oldest first: "
			+ "{hour: usd}")
	Map<String, Double> hourly(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(defaultValue = "24") @Min(1) @Max(720) int hours) {
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		return series(caller, hour.minus(Duration.ofHours(hours - 1L)), hours, ChronoUnit.HOURS);
	}

	@GetMapping("/forecast")
	@Operation(summary = "Expected cost of each of the next `days` UTC days (from tomorrow): the average daily "
			+ "cost of the last 7 complete UTC days")
	Map<String, Double> forecast(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(defaultValue = "7") @Min(1) @Max(90) int days) {
		Instant today = BudgetPeriod.DAILY.start(this.clock.instant());
		BigDecimal history = this.reports.total(caller.tenantUuid(),
				new CostPeriod(today.minus(Duration.ofDays(FORECAST_HISTORY_DAYS)), today));
		double average = history
			.divide(BigDecimal.valueOf(FORECAST_HISTORY_DAYS), CostCalculator.SCALE, RoundingMode.HALF_EVEN)
			.doubleValue();
		Map<String, Double> forecast = new LinkedHashMap<>();
		LocalDate day = LocalDate.ofInstant(today, ZoneOffset.UTC);
		for (int i = 1; i <= days; i++) {
			forecast.put(day.plusDays(i).toString(), average);
		}
		return forecast;
	}

	@GetMapping("/by-agent")
	@Operation(summary = "Cost per agent, highest first, at most top_n agents: {agent: usd}")
	Map<String, Double> byAgent(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(name = "top_n", defaultValue = "10") @Min(1) @Max(100) int topN,
			@RequestParam(name = "start_date", required = false) @Nullable DateBound start,
			@RequestParam(name = "end_date", required = false) @Nullable DateBound end) {
		return this.reports.perKey(caller.tenantUuid(), CostPeriod.of(start, end, this.clock.instant()),
				CostReports.CostKey.AGENT, topN);
	}

	@GetMapping("/by-provider")
	@Operation(summary = "Cost per provider, highest first: {provider: usd}")
	Map<String, Double> byProvider(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(name = "start_date", required = false) @Nullable DateBound start,
			@RequestParam(name = "end_date", required = false) @Nullable DateBound end) {
		return this.reports.perKey(caller.tenantUuid(), CostPeriod.of(start, end, this.clock.instant()),
				CostReports.CostKey.PROVIDER, 1000);
	}

	@GetMapping("/by-model")
	@Operation(summary = "Cost per model, highest first: {model: usd}")
	Map<String, Double> byModel(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(name = "start_date", required = false) @Nullable DateBound start,
			@RequestParam(name = "end_date", required = false) @Nullable DateBound end) {
		return this.reports.perKey(caller.tenantUuid(), CostPeriod.of(start, end, this.clock.instant()),
				CostReports.CostKey.MODEL, 1000);
	}

	@GetMapping("/export")
	@Operation(
			summary = "The cost rows of a period as CSV (a header line, then one line per run, oldest first, "
					+ "at most 100,000)",
			responses = @ApiResponse(responseCode = "200", description = "The CSV",
					content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"))))
	ResponseEntity<String> export(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(name = "start_date") DateBound start, @RequestParam(name = "end_date") DateBound end,
			@RequestParam(defaultValue = "csv") @Size(max = 10) String format) {
		if (!"csv".equals(format.toLowerCase(Locale.ROOT))) {
			throw new InvalidCostQueryException("format", "must be csv");
		}
		CostPeriod period = CostPeriod.of(start, end, this.clock.instant());
		String body = this.csv.write(this.reports.export(caller.tenantUuid(), period));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"costs.csv\"")
			.body(body);
	}

	private Map<String, Double> series(AuthPrincipal caller, Instant first, int count, ChronoUnit unit) {
		Map<Instant, Double> costs = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			costs.put(first.plus(i, unit), 0.0);
		}
		Instant until = first.plus(count, unit);
		this.reports.perUnit(caller.tenantUuid(), new CostPeriod(first, until),
				(unit == ChronoUnit.DAYS) ? "day" : "hour",
				(cost) -> costs.computeIfPresent(cost.start(), (start, zero) -> cost.cost().doubleValue()));
		Map<String, Double> series = new LinkedHashMap<>();
		costs.forEach((start, cost) -> series.put(
				(unit == ChronoUnit.DAYS) ? LocalDate.ofInstant(start, ZoneOffset.UTC).toString() : start.toString(),
				cost));
		return series;
	}

}
