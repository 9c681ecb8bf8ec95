package io.temponest.scheduler.timing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Parsing cron expressions and their next fire times (UTC and fixed-offset zones). */
class CronScheduleTests {

	private static final ZoneId UTC = ZoneOffset.UTC;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0 2 * * *     | 2025-01-01T00:00:00Z | 2025-01-01T02:00:00Z
			0 * * * *     | 2025-01-01T14:30:00Z | 2025-01-01T15:00:00Z
			*/15 * * * *  | 2025-01-01T14:07:00Z | 2025-01-01T14:15:00Z
			0 0 1 * *     | 2025-01-15T10:00:00Z | 2025-02-01T00:00:00Z
			0 0 29 2 *    | 2024-01-01T00:00:00Z | 2024-02-29T00:00:00Z
			0 0 29 2 *    | 2024-03-01T00:00:00Z | 2028-02-29T00:00:00Z
			30 * * * * *  | 2025-01-01T14:30:10Z | 2025-01-01T14:30:30Z
			30 * * * * *  | 2025-01-01T14:30:30Z | 2025-01-01T14:31:30Z
			0 9 * JAN MON-FRI | 2025-01-03T10:00:00Z | 2025-01-06T09:00:00Z
			0 0 0 ? * MON | 2025-01-01T00:00:00Z | 2025-01-06T00:00:00Z
			""")
	void nextAfterWhenUtcThenFirstMatchingInstant(String expression, Instant after, Instant expected) {
		assertThat(CronSchedule.parse(expression).nextAfter(after, UTC)).contains(expected);
	}

	@Test
	void nextAfterWhenOnAFireTimeThenStrictlyLater() {
		CronSchedule schedule = CronSchedule.parse("0 2 * * *");
		Instant fire = Instant.parse("2025-01-01T02:00:00Z");
		assertThat(schedule.nextAfter(fire, UTC)).contains(Instant.parse("2025-01-02T02:00:00Z"));
		assertThat(schedule.nextAfter(fire.minusNanos(1), UTC)).contains(fire);
	}

	@Test
	void nextAfterWhenDayOfWeekZeroThenMidnightOfTheNextSunday() {
		Instant next = CronSchedule.parse("0 0 * * 0")
			.nextAfter(Instant.parse("2025-01-01T12:00:00Z"), UTC)
			.orElseThrow();
		ZonedDateTime local = next.atZone(UTC);
		assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
		assertThat(local.toLocalTime()).hasToString("00:00");
		assertThat(local.toLocalDate()).isEqualTo(LocalDate.parse("2025-01-05"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0 0 * * 7", "0 0 * * SUN", "0 0 * * sun", "0 0 ? * 7", "0 0 0 * * 7" })
	void nextAfterWhenSundayWrittenOtherwiseThenSameFiresAsDayZero(String expression) {
		assertThat(fires(CronSchedule.parse(expression), Instant.parse("2025-01-01T00:00:00Z"), 5))
			.isEqualTo(fires(CronSchedule.parse("0 0 * * 0"), Instant.parse("2025-01-01T00:00:00Z"), 5))
			.allSatisfy((fire) -> assertThat(fire.atZone(UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			@yearly   | 2026-01-01T00:00:00Z
			@annually | 2026-01-01T00:00:00Z
			@monthly  | 2025-04-01T00:00:00Z
			@weekly   | 2025-03-16T00:00:00Z
			@daily    | 2025-03-11T00:00:00Z
			@midnight | 2025-03-11T00:00:00Z
			@hourly   | 2025-03-10T10:00:00Z
			@DAILY    | 2025-03-11T00:00:00Z
			""")
	void nextAfterWhenMacroThenItsMeaning(String macro, Instant expected) {
		assertThat(CronSchedule.parse(macro).nextAfter(Instant.parse("2025-03-10T09:15:00Z"), UTC)).contains(expected);
	}

	@Test
	void nextAfterWhenDayOfMonthAndDayOfWeekBothRestrictedThenFiresOnEither() {
		List<Instant> fires = fires(CronSchedule.parse("0 0 1,15 * MON"), Instant.parse("2025-01-01T00:00:00Z"), 7);
		assertThat(fires).extracting((fire) -> fire.atZone(UTC).toLocalDate().toString())
			.containsExactly("2025-01-06", "2025-01-13", "2025-01-15", "2025-01-20", "2025-01-27", "2025-02-01",
					"2025-02-03");
	}

	@Test
	void nextAfterWhenOnlyDayOfWeekRestrictedThenOnlyThoseDays() {
		assertThat(fires(CronSchedule.parse("0 0 * * MON"), Instant.parse("2025-01-01T00:00:00Z"), 10))
			.allSatisfy((fire) -> assertThat(fire.atZone(UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY));
	}

	@Test
	void nextAfterWhenOnlyDayOfMonthRestrictedThenOnlyThoseDays() {
		assertThat(fires(CronSchedule.parse("0 0 0 1,15 * ?"), Instant.parse("2025-01-01T00:00:00Z"), 10))
			.allSatisfy((fire) -> assertThat(fire.atZone(UTC).getDayOfMonth()).isIn(1, 15));
	}

	@Test
	void nextAfterWhenTokyoThenNineLocalIsMidnightUtc() {
		CronSchedule schedule = CronSchedule.parse("0 9 * * *");
		assertThat(schedule.nextAfter(Instant.parse("2024-12-31T12:00:00Z"), ZoneId.of("Asia/Tokyo")))
			.contains(Instant.parse("2025-01-01T00:00:00Z"));
	}

	@Test
	void nextAfterWhenKolkataThenHalfHourOffsetApplied() {
		CronSchedule schedule = CronSchedule.parse("0 9 * * *");
		assertThat(schedule.nextAfter(Instant.parse("2025-01-01T00:00:00Z"), ZoneId.of("Asia/Kolkata")))
			.contains(Instant.parse("2025-01-01T03:30:00Z"));
	}

	@Test
	void expressionWhenParsedThenOriginalText() {
		CronSchedule schedule = CronSchedule.parse("*/5  * * * MON-FRI");
		assertThat(schedule.expression()).isEqualTo("*/5  * * * MON-FRI");
		assertThat(schedule).hasToString("*/5  * * * MON-FRI").isEqualTo(CronSchedule.parse("*/5  * * * MON-FRI"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					''                | it is empty
					'   '             | it is empty
					* * * *           | expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got 4
					0 0 0 * * * 2025  | expected 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, got 7
					61 * * * *        | minute is not valid
					0 24 * * *        | hour is not valid
					0 0 32 * *        | day-of-month is not valid
					0 0 * FOO *       | month is not valid
					0 0 * * 8         | day-of-week is not valid
					60 * * * * *      | second is not valid
					0 0 31 2 ?        | it never fires
					? * * * *         | minute is not valid
					*/0 * * * *       | minute is not valid
					0 0 30 2 *        | it never fires
					0 0 31 4,6,9,11 * | it never fires
					@reboot           | unknown macro
					0 0 * * *; rm -rf | only digits, letters, spaces and the characters
					""")
	void parseWhenInvalidThenMessageSaysWhy(String expression, String reason) {
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> CronSchedule.parse(expression))
			.withMessageStartingWith("Invalid cron expression: ")
			.withMessageContaining(reason);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0 0 * zqx *", "zqx * * * *", "0 0 1-zqx * *" })
	void parseWhenFieldInvalidThenMessageNamesTheFieldWithoutEchoingIt(String expression) {
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> CronSchedule.parse(expression))
			.withMessageContaining("is not valid")
			.withMessageNotContaining("zqx");
	}

	@Test
	void parseWhenNullThenRejected() {
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> CronSchedule.parse(null))
			.withMessage("Invalid cron expression: it is empty");
	}

	@Test
	void parseWhenLongerThanOneHundredCharactersThenRejectedWithoutEcho() {
		String tooLong = "0 0 * * " + "1,".repeat(46) + "1";
		assertThat(tooLong).hasSize(101);
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> CronSchedule.parse(tooLong))
			.withMessage("Invalid cron expression: it is longer than 100 characters");
	}

	@Test
	void parseWhenOneHundredCharactersThenAccepted() {
		String longest = " 0 0 * * " + "1,".repeat(45) + "1";
		assertThat(longest).hasSize(100);
		assertThat(CronSchedule.parse(longest).expression()).isEqualTo(longest);
	}

	private static List<Instant> fires(CronSchedule schedule, Instant after, int count) {
		List<Instant> fires = new ArrayList<>();
		Instant cursor = after;
		for (int i = 0; i < count; i++) {
			cursor = schedule.nextAfter(cursor, UTC).orElseThrow();
			fires.add(cursor);
		}
		return fires;
	}

}
