package io.temponest.agents.activity;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temponest.security.AuthPrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's observability page: the run metrics of the tenant, and the activity log,
 * newest first, filtered and searched.
 */
@RestController
@RequestMapping("/api/observability")
@Tag(name = "observability")
class ObservabilityController {

	/** Rows per page unless asked otherwise. */
	static final int DEFAULT_LIMIT = 50;

	/** Largest page of rows. */
	static final int MAX_LIMIT = 200;

	private final LogQueries logs;

	private final MetricsCache metrics;

	ObservabilityController(LogQueries logs, MetricsCache metrics) {
		this.logs = logs;
		this.metrics = metrics;
	}

	@GetMapping("/metrics")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The tenant's run metrics: tiles, charts of the last 24 hours, failures of the last hour "
			+ "(cached for 30 s, renewed when a run changes)")
	ObservabilityMetrics metrics(@AuthenticationPrincipal AuthPrincipal caller) {
		return this.metrics.metrics(caller.tenantUuid());
	}

	@GetMapping("/logs")
	@PreAuthorize("hasAuthority('agents:read')")
	@Operation(summary = "The tenant's activity log, newest first: filtered by agent, project, level, service and "
			+ "time (from inclusive, to exclusive), searched by words; pages by the opaque cursor of the previous page "
			+ "(next_cursor, null on the last page); total counts matching rows up to 10,000 (total_capped beyond)")
	LogPage logs(@AuthenticationPrincipal AuthPrincipal caller,
			@RequestParam(required = false) @Size(max = 255) @Nullable String agent,
			@RequestParam(required = false) @Size(max = 255) @Nullable String project,
			@RequestParam(required = false) @Pattern(regexp = PlatformEvent.LEVELS,
					message = "must be info, success, warn or error") @Nullable String level,
			@RequestParam(required = false) @Size(max = 50) @Nullable String service,
			@RequestParam(required = false) @Size(max = 500) @Nullable String search,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) @Nullable Integer limit,
			@RequestParam(required = false) @Size(max = 200) @Nullable String cursor) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw new ActivityProblems.InvalidRangeException();
		}
		LogCursor after = (cursor != null && !cursor.isEmpty()) ? LogCursor.decode(cursor) : null;
		int size = (limit != null) ? limit : DEFAULT_LIMIT;
		LogFilter filter = new LogFilter(blankToNull(agent), blankToNull(project), blankToNull(level),
				blankToNull(service), blankToNull(search), from, to);
		LogQueries.Page page = this.logs.page(caller.tenantUuid(), filter, after, size + 1);
		List<LogEntry> rows = page.rows();
		boolean capped = page.matching() > LogQueries.COUNT_CAP;
		long total = Math.min(page.matching(), LogQueries.COUNT_CAP);
		if (rows.size() <= size) {
			return new LogPage(rows, total, capped, null, size);
		}
		List<LogEntry> shown = List.copyOf(rows.subList(0, size));
		LogEntry last = shown.get(size - 1);
		return new LogPage(shown, total, capped, new LogCursor(last.timestamp(), last.id()).encode(), size);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
