package io.temponest.scheduler.timing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cron fire times across New York's 2026 clock changes: 2026-03-08 02:00 EST jumps to
 * 03:00 EDT, 2026-11-01 02:00 EDT falls back to 01:00 EST.
 */
class CronScheduleDaylightSavingTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final LocalDate SPRING_FORWARD = LocalDate.parse("2026-03-08");

	private static final LocalDate FALL_BACK = LocalDate.parse("2026-11-01");

	@Test
	void nextAfterWhenDailyTimeSkippedBySpringForwardThenFiresOnceShiftedByTheGap() {
		List<ZonedDateTime> fires = firesOn(SPRING_FORWARD, "30 2 * * *");
		assertThat(fires).hasSize(1);
		assertThat(fires.get(0).toOffsetDateTime()).hasToString("2026-03-08T03:30-04:00");
	}

	@Test
	void nextAfterWhenDailyTimeSkippedBySpringForwardThenNeighbouringDaysUnchanged() {
		assertThat(firesOn(SPRING_FORWARD.minusDays(1), "30 2 * * *")).singleElement()
			.satisfies((fire) -> assertThat(fire.toOffsetDateTime()).hasToString("2026-03-07T02:30-05:00"));
		assertThat(firesOn(SPRING_FORWARD.plusDays(1), "30 2 * * *")).singleElement()
			.satisfies((fire) -> assertThat(fire.toOffsetDateTime()).hasToString("2026-03-09T02:30-04:00"));
	}

	@Test
	void nextAfterWhenCreatedAfterTheJumpButBeforeTheShiftedTimeThenFiresTheSameDay() {
		Instant createdAt = ZonedDateTime.parse("2026-03-08T03:10-04:00[America/New_York]").toInstant();
		assertThat(CronSchedule.parse("30 2 * * *").nextAfter(createdAt, NEW_YORK))
			.contains(Instant.parse("2026-03-08T07:30:00Z"));
	}

	@Test
	void nextAfterWhenDailyTimeAfterTheRepeatedHourOnFallBackDayThenFiresOnce() {
		assertThat(firesOn(FALL_BACK, "30 2 * * *")).singleElement()
			.satisfies((fire) -> assertThat(fire.toOffsetDateTime()).hasToString("2026-11-01T02:30-05:00"));
	}

	@Test
	void nextAfterWhenDailyTimeInsideTheRepeatedHourThenFiresOnceAtTheFirstPass() {
		assertThat(firesOn(FALL_BACK, "30 1 * * *")).singleElement()
			.satisfies((fire) -> assertThat(fire.toOffsetDateTime()).hasToString("2026-11-01T01:30-04:00"));
	}

	@Test
	void nextAfterWhenFixedTimeAndInsideTheSecondPassThenNextDay() {
		Instant secondPass = ZonedDateTime.parse("2026-11-01T01:10-05:00[America/New_York]").toInstant();
		assertThat(CronSchedule.parse("30 1 * * *").nextAfter(secondPass, NEW_YORK))
			.contains(ZonedDateTime.parse("2026-11-02T01:30-05:00[America/New_York]").toInstant());
	}

	@Test
	void nextAfterWhenHourlyAcrossFallBackThenEveryRealHour() {
		List<ZonedDateTime> fires = firesOn(FALL_BACK, "0 * * * *");
		assertThat(fires).hasSize(25);
		assertThat(gaps(fires)).containsOnly(Duration.ofHours(1));
		assertThat(fires).extracting((fire) -> fire.toOffsetDateTime().toString())
			.contains("2026-11-01T01:00-04:00", "2026-11-01T01:00-05:00");
	}

	@Test
	void nextAfterWhenHourlyAcrossSpringForwardThenEveryRealHour() {
		List<ZonedDateTime> fires = firesOn(SPRING_FORWARD, "@hourly");
		assertThat(fires).hasSize(23);
		assertThat(gaps(fires)).containsOnly(Duration.ofHours(1));
	}

	@Test
	void nextAfterWhenEveryQuarterHourAcrossFallBackThenEveryRealQuarterHour() {
		List<ZonedDateTime> fires = firesOn(FALL_BACK, "*/15 * * * *");
		assertThat(fires).hasSize(25 * 4);
		assertThat(gaps(fires)).containsOnly(Duration.ofMinutes(15));
	}

	@Test
	void nextAfterWhenEveryQuarterHourAcrossSpringForwardThenEveryRealQuarterHour() {
		List<ZonedDateTime> fires = firesOn(SPRING_FORWARD, "*/15 * * * *");
		assertThat(fires).hasSize(23 * 4);
		assertThat(gaps(fires)).containsOnly(Duration.ofMinutes(15));
	}

	@Test
	void nextAfterWhenEveryMinuteOfAFixedHourInTheRepeatedHourThenFirstPassOnly() {
		List<ZonedDateTime> fires = firesOn(FALL_BACK, "* 1 * * *");
		assertThat(fires).hasSize(60).allSatisfy((fire) -> assertThat(fire.getOffset()).hasToString("-04:00"));
	}

	private static List<ZonedDateTime> firesOn(LocalDate day, String expression) {
		CronSchedule schedule = CronSchedule.parse(expression);
		List<ZonedDateTime> fires = new ArrayList<>();
		Instant cursor = day.atStartOfDay(NEW_YORK).toInstant().minusNanos(1);
		Instant end = day.plusDays(1).atStartOfDay(NEW_YORK).toInstant();
		while (true) {
			cursor = schedule.nextAfter(cursor, NEW_YORK).orElseThrow();
			if (!cursor.isBefore(end)) {
				return fires;
			}
			fires.add(cursor.atZone(NEW_YORK));
		}
	}

	private static List<Duration> gaps(List<ZonedDateTime> fires) {
		List<Duration> gaps = new ArrayList<>();
		for (int i = 1; i < fires.size(); i++) {
			gaps.add(Duration.between(fires.get(i - 1), fires.get(i)));
		}
		return gaps;
	}

}
