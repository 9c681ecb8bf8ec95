package io.temponest.scheduler.timing;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Resolving user-given timezone names. */
class TimezonesTests {

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "America/New_York", "Europe/Paris", "Asia/Tokyo", "Asia/Kolkata" })
	void zoneWhenIanaNameThenThatZone(String name) {
		assertThat(Timezones.zone(name)).isEqualTo(ZoneId.of(name));
	}

	@Test
	void zoneWhenOtherCaseThenCanonicalName() {
		assertThat(Timezones.zone("europe/paris")).hasToString("Europe/Paris");
		assertThat(Timezones.zone("utc")).hasToString("UTC");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mars/Olympus_Mons", "+02:00", "Z", "Europe/", "UTC+2" })
	void zoneWhenUnknownThenRejectedWithoutEchoingIt(String name) {
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> Timezones.zone(name))
			.withMessage("Unknown timezone (expected an IANA name such as Europe/Berlin or UTC)");
	}

	@Test
	void zoneWhenBlankThenRejected() {
		assertThatExceptionOfType(InvalidScheduleException.class).isThrownBy(() -> Timezones.zone("  "))
			.withMessage("Timezone must not be blank");
	}

}
