package io.temponest.scheduler.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.events.EventOutbox;
import io.temponest.security.database.Rows;
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
 * disjoint batches), work out each one's missed occurrences, then record one execution
 * per occurrence and move the schedules on.
 *
 * <p>
 * Misfire policy: every occurrence found at most the misfire threshold late (the
 * schedule's {@code misfire_threshold_seconds}, else {@code misfire-threshold}) runs,
 * each as its own execution (so a poll that comes a little late, or a restart, loses
 * nothing); occurrences more late than that are skipped, counted in the misfire metric
 * and recorded as one {@code skipped} execution per schedule and poll — except that a
 * schedule with no occurrence recent enough to run still runs its oldest missed one once
 * (a daily job found minutes late after an outage runs) (its {@code scheduled_for} is the
 * first skipped occurrence, its {@code error_message} says how many were skipped). At
 * most {@code max-late-occurrences} executions of one schedule are opened per poll; the
 * schedule stays due and catches up over the next polls (a poll opens further batches
 * only while full batches leave no schedule behind). A one-time schedule runs however
 * late.
 */
@Component
class DueOccurrences {

	private static final Logger log = LoggerFactory.getLogger(DueOccurrences.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SchedulerMetrics metrics;

	private final Duration threshold;

	private final int maxLate;

	private final EventOutbox events;

	DueOccurrences(JdbcClient jdbc, PlatformTransactionManager transactionManager, SchedulerMetrics metrics,
			EventOutbox events, SchedulerProperties properties) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.metrics = metrics;
		this.threshold = properties.misfireThreshold();
		this.maxLate = properties.maxLateOccurrences();
	}

	/**
	 * Open the executions of up to {@code limit} due schedules.
	 * @param now the poll instant
	 * @param limit schedules per batch
	 * @return what the batch did
	 */
	Batch open(Instant now, int limit) {
		Batch batch = this.transactions.execute((status) -> openBatch(now, limit));
		return (batch != null) ? batch : new Batch(0, 0);
	}

	private Batch openBatch(Instant now, int limit) {
		List<DueSchedule> due = this.jdbc.sql("""
				SELECT id, schedule_type::text AS schedule_type, cron_expression, interval_seconds, timezone,
					next_execution_at, misfire_threshold_seconds
				FROM scheduler.lock_due_schedules(:now, :limit)
				""")
			.param("now", Rows.timestamp(now))
			.param("limit", limit)
			.query((rs, row) -> new DueSchedule(rs.getObject("id", UUID.class), rs.getString("schedule_type"),
					rs.getString("cron_expression"), rs.getObject("interval_seconds", Integer.class),
					rs.getString("timezone"), Rows.requiredInstant(rs, "next_execution_at"),
					rs.getObject("misfire_threshold_seconds", Integer.class)))
			.list();
		if (due.isEmpty()) {
			return new Batch(0, 0);
		}
		List<String> ids = new ArrayList<>(due.size());
		List<String> dues = new ArrayList<>(due.size());
		List<@Nullable String> nexts = new ArrayList<>(due.size());
		List<String> skipped = new ArrayList<>(due.size());
		List<String> skipFrom = new ArrayList<>(due.size());
		List<@Nullable String> notes = new ArrayList<>(due.size());
		List<String> runIds = new ArrayList<>();
		List<String> runAts = new ArrayList<>();
		int behind = 0;
		for (DueSchedule schedule : due) {
			Plan plan = plan(schedule, now);
			if (plan.next() != null && !plan.next().isAfter(now)) {
				behind++;
			}
			ids.add(schedule.id().toString());
			dues.add(schedule.dueAt().toString());
			nexts.add((plan.next() != null) ? plan.next().toString() : null);
			skipped.add(Long.toString(plan.skipped()));
			skipFrom.add(plan.firstSkipped().toString());
			notes.add((plan.skipped() > 0) ? skipNote(plan, schedule.dueAt(), now, threshold(schedule)) : null);
			for (Instant run : plan.runs()) {
				runIds.add(schedule.id().toString());
				runAts.add(run.toString());
			}
		}
		Opened opened = this.jdbc.sql("""
				SELECT opened, skipped FROM scheduler.open_scheduled_executions(:now, CAST(:ids AS uuid[]),
					CAST(:due AS timestamptz[]), CAST(:next AS timestamptz[]), CAST(:skipped AS integer[]),
					CAST(:skipFrom AS timestamptz[]), CAST(:notes AS text[]), CAST(:runIds AS uuid[]),
					CAST(:runAts AS timestamptz[]))
				""")
			.param("now", Rows.timestamp(now))
			.param("ids", new SqlArrayValue("text", ids.toArray()))
			.param("due", new SqlArrayValue("text", dues.toArray()))
			.param("next", new SqlArrayValue("text", nexts.toArray()))
			.param("skipped", new SqlArrayValue("text", skipped.toArray()))
			.param("skipFrom", new SqlArrayValue("text", skipFrom.toArray()))
			.param("notes", new SqlArrayValue("text", notes.toArray()))
			.param("runIds", new SqlArrayValue("text", runIds.toArray()))
			.param("runAts", new SqlArrayValue("text", runAts.toArray()))
			.query((rs, row) -> new Opened(rs.getInt("opened"), rs.getLong("skipped")))
			.single();
		// open_scheduled_executions wrote one schedule.fired event per pending execution
		this.events.written(opened.executions());
		this.metrics.occurrencesOpened(opened.executions(), runAts.size() - opened.executions(), opened.skipped());
		return new Batch(due.size(), behind);
	}

	/**
	 * What one poll does with a due schedule: skip the occurrences more than the
	 * threshold late, run the others up to the present (at most the cap), and continue
	 * with the first occurrence not opened.
	 * @param schedule the due schedule
	 * @param now the poll instant
	 * @return the plan
	 */
	private Plan plan(DueSchedule schedule, Instant now) {
		try {
			return plan(schedule.recurrence(), schedule.dueAt(), now, threshold(schedule), this.maxLate);
		}
		catch (InvalidScheduleException | IllegalArgumentException ex) {
			log.warn("Schedule {} can no longer be evaluated ({}); it runs this occurrence and then stops",
					schedule.id(), ex.getMessage());
			return new Plan(List.of(schedule.dueAt()), 0, false, false, schedule.dueAt(), null);
		}
	}

	static Plan plan(Recurrence recurrence, Instant due, Instant now, Duration threshold, int maxRuns) {
		if (recurrence instanceof Recurrence.Once) {
			return new Plan(List.of(due), 0, false, false, due, null);
		}
		Instant cutoff = now.minus(threshold);
		long skipped = 0;
		boolean atLeast = false;
		Optional<Instant> occurrence = Optional.of(due);
		if (due.isBefore(cutoff)) {
			// the occurrences due before the cutoff (due included) are more than the
			// threshold late: skip them, continue with the first at or after the cutoff
			Recurrence.Advance past = recurrence.advance(due, cutoff.minusNanos(1));
			skipped = Math.min(1 + past.skipped(), Integer.MAX_VALUE);
			atLeast = recurrence instanceof Recurrence.Cron && past.skipped() >= Recurrence.Cron.MAX_COUNTED_SKIPS;
			occurrence = past.next();
		}
		List<Instant> runs = new ArrayList<>();
		while (occurrence.isPresent() && !occurrence.get().isAfter(now) && runs.size() < maxRuns) {
			Instant run = occurrence.get();
			runs.add(run);
			occurrence = recurrence.advance(run, run).next();
		}
		Instant firstSkipped = due;
		boolean caughtUp = false;
		if (runs.isEmpty() && skipped > 0) {
			// nothing is recent enough to run: the oldest missed occurrence runs once, so
			// that an outage never costs a schedule its run (a daily job found late runs)
			runs.add(due);
			skipped--;
			caughtUp = true;
			firstSkipped = recurrence.advance(due, due).next().orElse(due);
		}
		return new Plan(List.copyOf(runs), skipped, atLeast, caughtUp, firstSkipped, occurrence.orElse(null));
	}

	private Duration threshold(DueSchedule schedule) {
		Integer seconds = schedule.misfireThresholdSeconds();
		return (seconds != null) ? Duration.ofSeconds(seconds) : this.threshold;
	}

	private static String skipNote(Plan plan, Instant due, Instant now, Duration threshold) {
		String count = (plan.skippedAtLeast() ? "At least " : "") + plan.skipped();
		String from = plan.caughtUp() ? "after " + due + " (which ran late, once)" : "from " + due;
		return "%s occurrence%s due %s to %s skipped: found more than %s late (misfire threshold)".formatted(count,
				(plan.skipped() == 1) ? "" : "s", from, now.minus(threshold), describe(threshold));
	}

	private static String describe(Duration duration) {
		return (duration.toMillisPart() == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/**
	 * What one poll does with a due schedule.
	 *
	 * @param runs the occurrences to run, oldest first
	 * @param skipped how many occurrences are skipped (the oldest ones, starting with the
	 * due one)
	 * @param skippedAtLeast whether {@code skipped} is a lower bound (a cron schedule
	 * missed more than {@value Recurrence.Cron#MAX_COUNTED_SKIPS} occurrences)
	 * @param caughtUp whether the oldest missed occurrence runs although it is beyond the
	 * threshold, because no occurrence is recent enough to run
	 * @param firstSkipped the first occurrence skipped (the due one unless it was caught
	 * up)
	 * @param next where the schedule goes next, {@code null} when it is finished; not
	 * after the poll when the cap stopped the runs
	 */
	record Plan(List<Instant> runs, long skipped, boolean skippedAtLeast, boolean caughtUp, Instant firstSkipped,
			@Nullable Instant next) {

	}

	/**
	 * What one batch did.
	 *
	 * @param locked how many due schedules were locked (and moved on)
	 * @param behind how many of them are still due: the cap on late occurrences stopped
	 * them, and the next poll continues with them
	 */
	record Batch(int locked, int behind) {

		/**
		 * Whether the same poll should open another batch: this one was full, and none of
		 * its schedules is still due (which would be locked again, beyond the cap per
		 * poll).
		 * @param limit the batch size
		 * @return whether more due schedules may wait
		 */
		boolean more(int limit) {
			return this.locked == limit && this.behind == 0;
		}

	}

	/** What the open statement did. */
	private record Opened(int executions, long skipped) {

	}

	/** A due schedule as locked by the poller. */
	private record DueSchedule(UUID id, String type, @Nullable String cronExpression, @Nullable Integer intervalSeconds,
			String timezone, Instant dueAt, @Nullable Integer misfireThresholdSeconds) {

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
