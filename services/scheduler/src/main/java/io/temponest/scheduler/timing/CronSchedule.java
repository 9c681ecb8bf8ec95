package io.temponest.scheduler.timing;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * A validated cron expression and the computation of its next fire time in a timezone.
 *
 * <h2>Syntax</h2> Accepted are standard 5-field Unix cron
 * ({@code minute hour day-of-month month day-of-week}), 6 fields with the seconds first
 * (the Spring/Quartz order {@code second minute hour day-of-month month day-of-week}),
 * and the macros {@code @yearly @annually @monthly @weekly @daily @midnight @hourly} (any
 * case). Field syntax is that of Spring's {@link CronExpression}: lists, ranges, steps,
 * names ({@code JAN}, {@code MON}), {@code ?} in day-of-month and day-of-week, {@code L},
 * {@code W} and {@code #}; day-of-week 0 and 7 are both Sunday. Expressions longer than
 * {@value #MAX_LENGTH} characters, and expressions with no occurrence in the next five
 * years (such as {@code 0 0 30 2 *}), are rejected.
 *
 * <h2>Day of month and day of week</h2> As in Vixie cron (and croniter): when both fields
 * are restricted (neither is {@code *} nor {@code ?}), the schedule fires on days
 * matching <em>either</em> field, so {@code 0 0 1,15 * MON} fires on the 1st, the 15th
 * and every Monday. When one of them is {@code *} or {@code ?}, only the other one
 * counts.
 *
 * <h2>Daylight saving time</h2> Occurrences are wall-clock times of the zone, turned into
 * instants as follows.
 * <ul>
 * <li>A wall-clock time that does not exist because the clocks jump forward fires at the
 * same distance after the jump: {@code 30 2 * * *} fires at 03:30 local time on the day
 * New York goes from 02:00 to 03:00 (Spring's own {@code ZonedDateTime} evaluation skips
 * that day). When the shifted instant coincides with another occurrence, as with
 * {@code 0 * * * *} (02:00 becomes 03:00), it fires once.</li>
 * <li>A wall-clock time that happens twice because the clocks fall back fires once, at
 * its first (daylight time) occurrence: {@code 30 1 * * *} fires once on the day New York
 * goes from 02:00 back to 01:00 (Spring's own evaluation fires twice). The exception are
 * schedules whose hour field starts with {@code *} ({@code *}, {@code *}{@code /2}, and
 * the {@code @hourly} macro): they follow real time and fire in both passes of the
 * repeated hour, so {@code 0 * * * *} fires 25 times that day, one hour apart.</li>
 * </ul>
 * Instances are immutable and thread-safe; equal when their expression texts are equal.
 */
public final class CronSchedule {

	/** The longest expression accepted, in characters. */
	public static final int MAX_LENGTH = 100;

	private static final Period FIRING_HORIZON = Period.ofYears(5);

	private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[0-9A-Za-z*?/,#@\\-\\s]+");

	private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+");

	private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 0 1 1 *", "@annually", "0 0 0 1 1 *",
			"@monthly", "0 0 0 1 * *", "@weekly", "0 0 0 * * 0", "@daily", "0 0 0 * * *", "@midnight", "0 0 0 * * *",
			"@hourly", "0 0 * * * *");

	private static final int HOUR = 2;

	private static final int DAY_OF_MONTH = 3;

	private static final int DAY_OF_WEEK = 5;

	private static final List<String> FIELD_NAMES = List.of("second", "minute", "hour", "day-of-month", "month",
			"day-of-week");

	private static final List<String> FIELD_VALUES = List.of("0-59", "0-59", "0-23", "1-31, L, W or ?",
			"1-12 or JAN-DEC", "0-7 or SUN-SAT with 0 and 7 for Sunday, L, # or ?");

	private final String expression;

	private final List<CronExpression> alternatives;

	private final boolean followsRealTime;

	private CronSchedule(String expression, List<CronExpression> alternatives, boolean followsRealTime) {
		this.expression = expression;
		this.alternatives = alternatives;
		this.followsRealTime = followsRealTime;
	}

	/**
	 * Parse and validate a cron expression.
	 * @param expression 5 fields, 6 fields with seconds first, or a macro
	 * @return the schedule
	 * @throws InvalidScheduleException if the expression is missing, malformed, too long,
	 * or never fires
	 */
	public static CronSchedule parse(@Nullable String expression) {
		if (expression == null || expression.isBlank()) {
			throw invalid("it is empty");
		}
		if (expression.length() > MAX_LENGTH) {
			throw invalid("it is longer than " + MAX_LENGTH + " characters");
		}
		if (!ALLOWED_CHARACTERS.matcher(expression).matches()) {
			throw invalid("only digits, letters, spaces and the characters * ? , - / # are allowed");
		}
		String[] fields = sixFields(expression.strip());
		for (int index = 0; index < fields.length; index++) {
			requireValidField(fields, index);
		}
		List<CronExpression> alternatives = new ArrayList<>();
		if (isRestricted(fields[DAY_OF_MONTH]) && isRestricted(fields[DAY_OF_WEEK])) {
			alternatives.add(compile(withField(fields, DAY_OF_WEEK, "*")));
			alternatives.add(compile(withField(fields, DAY_OF_MONTH, "*")));
		}
		else {
			alternatives.add(compile(fields));
		}
		CronSchedule schedule = new CronSchedule(expression, List.copyOf(alternatives), fields[HOUR].startsWith("*"));
		schedule.requireFiresWithinHorizon();
		return schedule;
	}

	/**
	 * The expression as the user wrote it.
	 * @return the original text
	 */
	public String expression() {
		return this.expression;
	}

	/**
	 * The first fire time strictly after an instant, in the wall-clock time of a zone
	 * (see the class description for daylight saving time).
	 * @param after the instant to start from (exclusive)
	 * @param zone the zone whose wall clock the expression describes
	 * @return the next fire time, or empty if there is none before the end of time
	 */
	public Optional<Instant> nextAfter(Instant after, ZoneId zone) {
		try {
			return Optional.ofNullable(computeNextAfter(after, zone.getRules(), LocalDateTime.ofInstant(after, zone)));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private @Nullable Instant computeNextAfter(Instant after, ZoneRules rules, LocalDateTime wallClock) {
		return earliestAfter(after, nextFromWallClock(after, rules, wallClock),
				shiftedFromJustSkippedGap(after, rules, wallClock), repeatedInComingOverlap(after, rules));
	}

	/**
	 * The next occurrence found by walking the wall clock forward from that of
	 * {@code after}.
	 */
	private @Nullable Instant nextFromWallClock(Instant after, ZoneRules rules, LocalDateTime wallClock) {
		LocalDateTime candidate = wallClock;
		while (true) {
			candidate = nextWallClockTime(candidate);
			if (candidate == null) {
				return null;
			}
			ZoneOffsetTransition transition = rules.getTransition(candidate);
			if (transition == null) {
				return candidate.toInstant(rules.getOffset(candidate));
			}
			if (transition.isGap()) {
				// read with the offset before the jump: 02:30 becomes 03:30 when 02:00
				// jumps to 03:00
				return candidate.toInstant(transition.getOffsetBefore());
			}
			Instant firstPass = candidate.toInstant(transition.getOffsetBefore());
			if (firstPass.isAfter(after)) {
				return firstPass;
			}
			if (this.followsRealTime) {
				return candidate.toInstant(transition.getOffsetAfter());
			}
			// the repeated period's first pass is over: fixed times do not fire again
			candidate = transition.getDateTimeBefore().minusNanos(1);
		}
	}

	/**
	 * Just after clocks jumped forward, an occurrence inside the skipped wall-clock
	 * period may still be ahead once shifted by the gap, although its wall-clock time is
	 * behind.
	 */
	private @Nullable Instant shiftedFromJustSkippedGap(Instant after, ZoneRules rules, LocalDateTime wallClock) {
		ZoneOffsetTransition previous = rules.previousTransition(after.plusNanos(1));
		if (previous == null || !previous.isGap()
				|| !after.isBefore(previous.getInstant().plus(previous.getDuration()))) {
			return null;
		}
		LocalDateTime candidate = nextWallClockTime(wallClock.minus(previous.getDuration()));
		if (candidate == null || !candidate.isBefore(previous.getDateTimeAfter())) {
			return null;
		}
		return candidate.toInstant(previous.getOffsetBefore());
	}

	/**
	 * During the first pass of a period that is about to repeat, schedules that follow
	 * real time fire again in the second pass, although its wall-clock times are behind.
	 */
	private @Nullable Instant repeatedInComingOverlap(Instant after, ZoneRules rules) {
		if (!this.followsRealTime) {
			return null;
		}
		ZoneOffsetTransition coming = rules.nextTransition(after);
		if (coming == null || !coming.isOverlap()
				|| after.isBefore(coming.getInstant().minus(coming.getDuration().abs()))) {
			return null;
		}
		LocalDateTime candidate = nextWallClockTime(coming.getDateTimeAfter().minusNanos(1));
		if (candidate == null || !candidate.isBefore(coming.getDateTimeBefore())) {
			return null;
		}
		return candidate.toInstant(coming.getOffsetAfter());
	}

	private @Nullable LocalDateTime nextWallClockTime(LocalDateTime after) {
		LocalDateTime earliest = null;
		for (CronExpression alternative : this.alternatives) {
			LocalDateTime next = alternative.next(after);
			if (next != null && (earliest == null || next.isBefore(earliest))) {
				earliest = next;
			}
		}
		return earliest;
	}

	private static @Nullable Instant earliestAfter(Instant after, @Nullable Instant... candidates) {
		Instant earliest = null;
		for (Instant candidate : candidates) {
			if (candidate != null && candidate.isAfter(after) && (earliest == null || candidate.isBefore(earliest))) {
				earliest = candidate;
			}
		}
		return earliest;
	}

	private void requireFiresWithinHorizon() {
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
		LocalDateTime next = nextWallClockTime(now);
		if (next == null || next.isAfter(now.plus(FIRING_HORIZON))) {
			throw invalid("it never fires (no occurrence within the next 5 years)");
		}
	}

	private static String[] sixFields(String text) {
		String expanded = text;
		if (text.startsWith("@")) {
			String macro = MACROS.get(text.toLowerCase(Locale.ROOT));
			if (macro == null) {
				throw invalid(
						"unknown macro (use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)");
			}
			expanded = macro;
		}
		String[] fields = FIELD_SEPARATOR.split(expanded);
		if (fields.length == 5) {
			String[] withSeconds = new String[6];
			withSeconds[0] = "0";
			System.arraycopy(fields, 0, withSeconds, 1, 5);
			return withSeconds;
		}
		if (fields.length != 6) {
			throw invalid("expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got "
					+ fields.length);
		}
		return fields;
	}

	/** Parse one field alone, every other field {@code *}, to name the faulty one. */
	private static void requireValidField(String[] fields, int index) {
		String[] probe = { "*", "*", "*", "*", "*", "*" };
		probe[index] = fields[index];
		try {
			CronExpression.parse(String.join(" ", probe));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(FIELD_NAMES.get(index) + " is not valid (allowed values " + FIELD_VALUES.get(index) + ")");
		}
	}

	private static CronExpression compile(String[] fields) {
		try {
			return CronExpression.parse(String.join(" ", fields));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("it cannot be parsed");
		}
	}

	private static boolean isRestricted(String field) {
		return !field.equals("*") && !field.equals("?");
	}

	private static String[] withField(String[] fields, int index, String value) {
		String[] copy = fields.clone();
		copy[index] = value;
		return copy;
	}

	private static InvalidScheduleException invalid(String reason) {
		return new InvalidScheduleException("Invalid cron expression: " + reason);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other)
				|| (other instanceof CronSchedule schedule && this.expression.equals(schedule.expression));
	}

	@Override
	public int hashCode() {
		return this.expression.hashCode();
	}

	@Override
	public String toString() {
		return this.expression;
	}

}
