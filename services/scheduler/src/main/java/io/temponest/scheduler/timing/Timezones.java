package io.temponest.scheduler.timing;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Resolves the timezone names users give to schedules. */
public final class Timezones {

	private static final Map<String, String> IDS_BY_LOWER_CASE = ZoneId.getAvailableZoneIds()
		.stream()
		.collect(Collectors.toUnmodifiableMap((id) -> id.toLowerCase(Locale.ROOT), Function.identity(),
				(first, second) -> first));

	private Timezones() {
	}

	/**
	 * Resolve an IANA timezone name such as {@code Europe/Paris} or {@code UTC}, ignoring
	 * case. Raw offsets such as {@code +02:00} are not timezone names and are rejected.
	 * @param name the name the user gave
	 * @return the zone, under its canonical name
	 * @throws InvalidScheduleException if no timezone has that name
	 */
	public static ZoneId zone(String name) {
		if (name.isBlank()) {
			throw new InvalidScheduleException("Timezone must not be blank");
		}
		String id = IDS_BY_LOWER_CASE.get(name.strip().toLowerCase(Locale.ROOT));
		if (id == null) {
			throw new InvalidScheduleException("Unknown timezone (expected an IANA name such as Europe/Berlin or UTC)");
		}
		return ZoneId.of(id);
	}

}
