package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.scheduler.support.Timestamps;
import io.temponest.scheduler.timing.CronSchedule;
import io.temponest.scheduler.timing.InvalidScheduleException;
import io.temponest.scheduler.timing.Recurrence;
import io.temponest.scheduler.timing.Timezones;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns due occurrences into pending executions, in one transaction per batch: lock due
 * schedules of every tenant ({@code FOR UPDATE SKIP LOCKED}, so concurrent pollers take
 * disjoint batches), compute each one's next occurrence, then record one execution per
 * occurrence and move the schedules on. Misfire policy: an occurrence found late runs
 * once; further occurrences missed in between are skipped (and counted).
 */
@Component
class DueOccurrences {

	private static final Logger log = LoggerFactory.getLogger(DueOccurrences.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SchedulerMetrics metrics;

	DueOccurrences(JdbcClient jdbc, PlatformTransactionManager transactionManager, SchedulerMetrics metrics) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.metrics = metrics;
	}

	/**
	 * Open the executions of up to {@code limit} due schedules.
	 * @param now the poll instant
	 * @param limit schedules per batch
	 * @return how many schedules were due and locked by this call
	 */
	int open(Instant now, int limit) {
		Integer locked = this.transactions.execute((status) -> openBatch(now, limit));
		return (locked != null) ? locked : 0;
	}

	private int openBatch(Instant now, int limit) {
		List<DueSchedule> due = this.jdbc.sql("""
				SELECT id, schedule_type::text AS schedule_type, cron_expression, interval_seconds, timezone,
					next_execution_at
				FROM scheduler.lock_due_schedules(:now, :limit)
				""")
			.param("now", Timestamps.parameter(now))
			.param("limit", limit)
			.query((rs, row) -> new DueSchedule(rs.getObject("id", UUID.class), rs.getString("schedule_type"),
					rs.getString("cron_expression"), rs.getObject("interval_seconds", Integer.class),
					rs.getString("timezone"), Timestamps.readRequired(rs, "next_execution_at")))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		List<String> ids = new ArrayList<>(due.size());
		List<String> dues = new ArrayList<>(due.size());
		List<@Nullable String> nexts = new ArrayList<>(due.size());
		long skipped = 0;
		for (DueSchedule schedule : due) {
			Recurrence.Advance advance = advance(schedule, now);
			ids.add(schedule.id().toString());
			dues.add(schedule.dueAt().toString());
			nexts.add(advance.next().map(Instant::toString).orElse(null));
			skipped += advance.skipped();
		}
		Integer opened = this.jdbc.sql("""
				SELECT scheduler.open_scheduled_executions(CAST(:ids AS uuid[]), CAST(:due AS timestamptz[]),
					CAST(:next AS timestamptz[]))
				""")
			.param("ids", new SqlArrayValue("text", ids.toArray()))
			.param("due", new SqlArrayValue("text", dues.toArray()))
			.param("next", new SqlArrayValue("text", nexts.toArray()))
			.query(Integer.class)
			.single();
		this.metrics.occurrencesOpened(opened, due.size() - opened, skipped);
		return due.size();
	}

	private Recurrence.Advance advance(DueSchedule schedule, Instant now) {
		try {
			return schedule.recurrence().advance(schedule.dueAt(), now);
		}
		catch (InvalidScheduleException | IllegalArgumentException ex) {
			log.warn("Schedule {} can no longer be evaluated ({}); it runs this occurrence and then stops",
					schedule.id(), ex.getMessage());
			return new Recurrence.Advance(Optional.empty(), 0);
		}
	}

	/** A due schedule as locked by the poller. */
	private record DueSchedule(UUID id, String type, @Nullable String cronExpression, @Nullable Integer intervalSeconds,
			String timezone, Instant dueAt) {

		Recurrence recurrence() {
			return switch (this.type) {
				case "cron" -> new Recurrence.Cron(CronSchedule.parse(String.valueOf(this.cronExpression)),
						Timezones.zone(this.timezone));
				case "interval" -> new Recurrence.Interval(
						Duration.ofSeconds((this.intervalSeconds != null) ? this.intervalSeconds : 0));
				default -> new Recurrence.Once(this.dueAt);
			};
		}

	}

}
