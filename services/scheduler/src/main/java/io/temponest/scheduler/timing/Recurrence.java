package io.temponest.scheduler.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule runs: on a cron expression in a timezone, at a fixed interval, or once.
 *
 * <p>
 * {@link #advance(Instant, Instant)} moves a schedule past a point in time and counts the
 * occurrences it passes; the misfire policy built on it (which late occurrences run and
 * which are skipped) is the poller's.
 */
public sealed interface Recurrence {

	/**
	 * The first run when a schedule is created or resumed.
	 * @param now the present
	 * @return the first run, or empty if there is none
	 */
	Optional<Instant> firstAfter(Instant now);

	/**
	 * Where the schedule goes once the occurrence {@code due} has been claimed.
	 * @param due the claimed occurrence, normally not after {@code now}
	 * @param now the present
	 * @return the first occurrence strictly after both {@code now} and {@code due}, and
	 * how many occurrences in between will never run
	 */
	Advance advance(Instant due, Instant now);

	/**
	 * The outcome of claiming an occurrence.
	 *
	 * @param next the next occurrence to run, or empty if the schedule is finished
	 * @param skipped how many missed occurrences after the claimed one (those in
	 * {@code (due, now]}) will never run; for cron schedules counted up to
	 * {@value Cron#MAX_COUNTED_SKIPS}
	 */
	record Advance(Optional<Instant> next, long skipped) {

		/**
		 * Validate the outcome.
		 * @param next the next occurrence to run, or empty
		 * @param skipped the number of skipped occurrences, not negative
		 */
		public Advance {
			Objects.requireNonNull(next, "next");
			if (skipped < 0) {
				throw new IllegalArgumentException("skipped must not be negative");
			}
		}

	}

	/**
	 * Runs on a cron expression read in the wall-clock time of a zone.
	 *
	 * @param schedule the expression
	 * @param zone the zone of its wall clock
	 */
	record Cron(CronSchedule schedule, ZoneId zone) implements Recurrence {

		/** The most skipped occurrences counted; a longer outage reports this many. */
		public static final int MAX_COUNTED_SKIPS = 10_000;

		/**
		 * Validate the parts.
		 * @param schedule the expression
		 * @param zone the zone of its wall clock
		 */
		public Cron {
			Objects.requireNonNull(schedule, "schedule");
			Objects.requireNonNull(zone, "zone");
		}

		@Override
		public Optional<Instant> firstAfter(Instant now) {
			return this.schedule.nextAfter(now, this.zone);
		}

		@Override
		public Advance advance(Instant due, Instant now) {
			Optional<Instant> missed = this.schedule.nextAfter(due, this.zone);
			long skipped = 0;
			while (missed.isPresent() && !missed.get().isAfter(now) && skipped < MAX_COUNTED_SKIPS) {
				skipped++;
				missed = this.schedule.nextAfter(missed.get(), this.zone);
			}
			if (skipped < MAX_COUNTED_SKIPS) {
				// the walk stopped at the first occurrence after both due and now
				return new Advance(missed, skipped);
			}
			return new Advance(this.schedule.nextAfter(due.isAfter(now) ? due : now, this.zone), skipped);
		}

	}

	/**
	 * Runs every {@code every}, on the grid of the first run: late claims do not make
	 * later runs drift.
	 *
	 * @param every the period, positive
	 */
	record Interval(Duration every) implements Recurrence {

		/**
		 * Validate the period.
		 * @param every the period, positive
		 * @throws InvalidScheduleException if the period is zero or negative
		 */
		public Interval {
			Objects.requireNonNull(every, "every");
			if (every.isZero() || every.isNegative()) {
				throw new InvalidScheduleException("Interval must be positive");
			}
		}

		@Override
		public Optional<Instant> firstAfter(Instant now) {
			return Optional.of(now.plus(this.every));
		}

		@Override
		public Advance advance(Instant due, Instant now) {
			Duration late = Duration.between(due, now);
			long periodsLate = late.isNegative() ? 0 : late.dividedBy(this.every);
			return new Advance(Optional.of(due.plus(this.every.multipliedBy(periodsLate + 1))), periodsLate);
		}

	}

	/**
	 * Runs once at an instant, or as soon as possible if that instant has passed.
	 *
	 * @param at the instant
	 */
	record Once(Instant at) implements Recurrence {

		/**
		 * Validate the instant.
		 * @param at the instant
		 */
		public Once {
			Objects.requireNonNull(at, "at");
		}

		@Override
		public Optional<Instant> firstAfter(Instant now) {
			return Optional.of(this.at);
		}

		@Override
		public Advance advance(Instant due, Instant now) {
			return new Advance(Optional.empty(), 0);
		}

	}

}
