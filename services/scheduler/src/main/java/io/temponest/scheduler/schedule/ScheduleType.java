package io.temponest.scheduler.schedule;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a schedule recurs: a cron expression, a fixed interval, or once at an instant. */
public enum ScheduleType {

	/** Fires when a cron expression matches, in the schedule's timezone. */
	CRON,

	/** Fires every {@code interval_seconds}, on a fixed grid (no drift). */
	INTERVAL,

	/** Fires once at {@code scheduled_time}. */
	ONCE;

	/**
	 * The wire and database name.
	 * @return {@code cron}, {@code interval} or {@code once}
	 */
	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The type of a wire or database name.
	 * @param value the name, case-insensitive
	 * @return the type
	 * @throws IllegalArgumentException for any other name
	 */
	@JsonCreator
	public static ScheduleType of(String value) {
		for (ScheduleType type : values()) {
			if (type.value().equalsIgnoreCase(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("schedule_type must be one of cron, interval, once");
	}

}
