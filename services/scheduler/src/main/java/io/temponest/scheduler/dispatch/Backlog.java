package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recomputes the backlog gauges (active schedules, age of the oldest waiting occurrence
 * or retry) at most every {@code backlog-refresh}, from the poller's thread.
 */
@Component
class Backlog {

	private final JdbcClient jdbc;

	private final SchedulerMetrics metrics;

	private final Duration refresh;

	private @Nullable Instant refreshedAt;

	Backlog(JdbcClient jdbc, SchedulerMetrics metrics, SchedulerProperties properties) {
		this.jdbc = jdbc;
		this.metrics = metrics;
		this.refresh = properties.backlogRefresh();
	}

	void refreshIfDue(Instant now) {
		Instant last = this.refreshedAt;
		if (last != null && Duration.between(last, now).compareTo(this.refresh) < 0) {
			return;
		}
		refresh(now);
	}

	void refresh(Instant now) {
		this.jdbc.sql("SELECT active_schedules, waiting_since FROM scheduler.scheduler_backlog(:now)")
			.param("now", Rows.timestamp(now))
			.query((rs, row) -> {
				Instant waitingSince = Rows.instant(rs, "waiting_since");
				this.metrics.backlog(rs.getLong("active_schedules"),
						(waitingSince != null) ? Duration.between(waitingSince, now) : Duration.ZERO);
				return Boolean.TRUE;
			})
			.single();
		this.refreshedAt = now;
	}

}
