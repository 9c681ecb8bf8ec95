package io.temponest.scheduler.schedule;

import org.jspecify.annotations.Nullable;

/**
 * Which of a tenant's schedules a list returns.
 *
 * @param active only active ({@code true}) or inactive ({@code false}) ones, or all
 * @param agentName only those running this agent, or all
 */
public record ScheduleFilter(@Nullable Boolean active, @Nullable String agentName) {

}
