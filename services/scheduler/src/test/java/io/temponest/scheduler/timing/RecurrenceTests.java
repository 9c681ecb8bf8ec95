package io.temponest.scheduler.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.temponest.scheduler.timing.Recurrence.Advance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** First runs and the misfire policy of cron, interval and one-time recurrences. */
class RecurrenceTests {

	private static final Instant TEN = Instant.parse("2025-06-01T10:00:00Z");

	private final Recurrence hourly = new Recurrence.Cron(CronSchedule.parse("0 * * * *"), ZoneOffset.UTC);

	private final Recurrence quarterHour = new Recurrence.Interval(Duration.ofMinutes(15));

	@Test
	void advanceWhenIntervalClaimedLateThenStaysOnTheGridAndCountsMisses() {
		Advance advance = this.quarterHour.advance(TEN, at("10:47"));
		assertThat(advance.next()).contains(at("11:00"));
		assertThat(advance.skipped()).isEqualTo(3);
	}

	@Test
	void advanceWhenIntervalClaimedExactlyOnAGridPointThenThatPointIsSkipped() {
		Advance advance = this.quarterHour.advance(TEN, at("10:45"));
		assertThat(advance.next()).contains(at("11:00"));
		assertThat(advance.skipped()).isEqualTo(3);
	}

	@Test
	void advanceWhenIntervalClaimedOnTimeThenNextPeriodAndNothingSkipped() {
		Advance advance = this.quarterHour.advance(TEN, TEN);
		assertThat(advance.next()).contains(at("10:15"));
		assertThat(advance.skipped()).isZero();
	}

	@Test
	void advanceWhenIntervalClaimedBeforeDueThenNextPeriodAfterDue() {
		Advance advance = this.quarterHour.advance(TEN, at("09:59"));
		assertThat(advance.next()).contains(at("10:15"));
		assertThat(advance.skipped()).isZero();
	}

	@Test
	void advanceWhenCronClaimedLateThenNextAfterNowAndCountsMisses() {
		Advance advance = this.hourly.advance(TEN, at("13:30"));
		assertThat(advance.next()).contains(at("14:00"));
		assertThat(advance.skipped()).isEqualTo(3);
	}

	@Test
	void advanceWhenCronClaimedOnTimeThenNextOccurrenceAndNothingSkipped() {
		Advance advance = this.hourly.advance(TEN, TEN);
		assertThat(advance.next()).contains(at("11:00"));
		assertThat(advance.skipped()).isZero();
	}

	@Test
	void advanceWhenCronClaimedBeforeDueThenNeverDueAgain() {
		Advance advance = this.hourly.advance(TEN, at("09:59:59"));
		assertThat(advance.next()).contains(at("11:00"));
		assertThat(advance.skipped()).isZero();
	}

	@Test
	void advanceWhenCronMissedMoreThanTheCapThenCountStopsAtTheCap() {
		Recurrence everySecond = new Recurrence.Cron(CronSchedule.parse("* * * * * *"), ZoneOffset.UTC);
		Advance advance = everySecond.advance(TEN, at("13:00"));
		assertThat(advance.next()).contains(at("13:00:01"));
		assertThat(advance.skipped()).isEqualTo(Recurrence.Cron.MAX_COUNTED_SKIPS);
	}

	@Test
	void advanceWhenOnceThenFinished() {
		Advance advance = new Recurrence.Once(TEN).advance(TEN, at("10:05"));
		assertThat(advance.next()).isEmpty();
		assertThat(advance.skipped()).isZero();
	}

	@Test
	void firstAfterWhenCronThenNextFireTimeInItsZone() {
		Recurrence tokyoNine = new Recurrence.Cron(CronSchedule.parse("0 9 * * *"), ZoneId.of("Asia/Tokyo"));
		assertThat(tokyoNine.firstAfter(TEN)).contains(Instant.parse("2025-06-02T00:00:00Z"));
		assertThat(this.hourly.firstAfter(at("10:20"))).contains(at("11:00"));
	}

	@Test
	void firstAfterWhenIntervalThenOnePeriodFromNow() {
		assertThat(this.quarterHour.firstAfter(at("10:07"))).contains(at("10:22"));
	}

	@Test
	void firstAfterWhenOnceInTheFutureThenThatInstant() {
		assertThat(new Recurrence.Once(at("12:00")).firstAfter(TEN)).contains(at("12:00"));
	}

	@Test
	void firstAfterWhenOnceInThePastThenThatInstantToRunAsSoonAsPossible() {
		assertThat(new Recurrence.Once(at("09:00")).firstAfter(TEN)).contains(at("09:00"));
	}

	@Test
	void intervalWhenNotPositiveThenRejected() {
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> new Recurrence.Interval(Duration.ZERO))
			.withMessage("Interval must be positive");
		assertThatExceptionOfType(InvalidScheduleException.class)
			.isThrownBy(() -> new Recurrence.Interval(Duration.ofSeconds(-1)));
	}

	@Test
	void cronWhenSameExpressionAndZoneThenEqual() {
		assertThat(new Recurrence.Cron(CronSchedule.parse("0 * * * *"), ZoneOffset.UTC)).isEqualTo(this.hourly);
	}

	private static Instant at(String time) {
		return Instant.parse("2025-06-01T" + ((time.length() == 5) ? time + ":00" : time) + "Z");
	}

}
