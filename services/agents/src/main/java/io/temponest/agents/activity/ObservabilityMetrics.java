package io.temponest.agents.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The observability page's run metrics, in the console's field names.
 *
 * @param summary the tiles
 * @param charts the charts of the last 24 hours
 * @param recentErrors the runs that failed in the last hour, latest first (at most 10)
 */
record ObservabilityMetrics(MetricsSummary summary, MetricsCharts charts,
		@JsonProperty("recentErrors") List<FailedRun> recentErrors) {

	/**
	 * The tiles.
	 *
	 * @param activeJobs runs running now
	 * @param queueDepth runs pending now
	 * @param avgDuration mean duration in whole seconds of the runs that succeeded or
	 * failed in the last hour (0 when none)
	 * @param avgDurationFormatted the same as {@code 42s}, {@code 3m 20s} or
	 * {@code 2h 5m}
	 * @param successRate percent of the runs finished in the last hour that succeeded,
	 * one decimal (0 when none)
	 * @param runsToday runs created in the last 24 hours
	 */
	record MetricsSummary(@JsonProperty("activeJobs") long activeJobs, @JsonProperty("queueDepth") long queueDepth,
			@JsonProperty("avgDuration") long avgDuration,
			@JsonProperty("avgDurationFormatted") String avgDurationFormatted,
			@JsonProperty("successRate") double successRate, @JsonProperty("runsToday") long runsToday) {

	}

	/**
	 * The charts, of the runs created in the last 24 hours.
	 *
	 * @param statusDistribution runs per status, most first
	 * @param runsByAgent runs per role their step names ({@code Other} for none), most
	 * first
	 */
	record MetricsCharts(@JsonProperty("statusDistribution") List<RunStatusCount> statusDistribution,
			@JsonProperty("runsByAgent") List<AgentRunCount> runsByAgent) {

	}

	/**
	 * Runs of one status.
	 *
	 * @param status the status
	 * @param count how many
	 * @param percentage their share of all, two decimals
	 */
	record RunStatusCount(String status, long count, double percentage) {

	}

	/**
	 * Runs of one role.
	 *
	 * @param agent the role's slug, or {@code Other}
	 * @param count how many
	 * @param successful how many succeeded
	 * @param failed how many failed
	 * @param avgDuration their mean duration in whole seconds (0 when none finished)
	 */
	record AgentRunCount(String agent, long count, long successful, long failed,
			@JsonProperty("avgDuration") long avgDuration) {

	}

	/**
	 * A run that failed.
	 *
	 * @param id the run
	 * @param projectId its project
	 * @param projectName the project's name
	 * @param projectSlug the project's slug
	 * @param step the run's step
	 * @param timestamp when it failed
	 * @param preview the first 200 characters of its log
	 */
	record FailedRun(UUID id, @JsonProperty("projectId") UUID projectId,
			@JsonProperty("projectName") String projectName, @JsonProperty("projectSlug") String projectSlug,
			String step, Instant timestamp, @Nullable String preview) {

	}

}
