package io.temponest.scheduler.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;

import io.temponest.scheduler.timing.Recurrence;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules of the caller's tenant: create, read, change, pause, resume, delete. The next
 * run is computed whenever the timing changes or a schedule becomes runnable again
 * (occurrences missed while paused or inactive are skipped).
 */
@Service
public class Schedules {

	private final ScheduleStore store;

	private final ScheduleQueries queries;

	private final Clock clock;

	private final EventOutbox events;

	Schedules(ScheduleStore store, ScheduleQueries queries, Clock clock, EventOutbox events) {
		this.store = store;
		this.queries = queries;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Create a schedule.
	 * @param caller the caller, owner of the schedule's runs
	 * @param definition what to create
	 * @return the stored schedule
	 */
	@Transactional
	public ScheduleRecord create(AuthPrincipal caller, ScheduleDefinition definition) {
		Instant next = definition.recurrence().firstAfter(this.clock.instant()).orElse(null);
		UUID userId = caller.userUuid().orElseThrow(UserRequiredException::new);
		UUID id = this.store.insert(caller.tenantUuid(), userId, definition, next);
		ScheduleRecord created = this.store.find(id).orElseThrow();
		this.events.publish(new PlatformEvent("schedule.created", caller.tenantUuid(), userId, EventLevel.INFO,
				"schedule", id.toString(), "Schedule \"" + definition.name() + "\" created",
				Map.of("schedule_name", definition.name(), "schedule_type", definition.type().value(), "agent_name",
						definition.agentName())));
		return created;
	}

	/**
	 * One schedule of the caller's tenant.
	 * @param id the schedule
	 * @return the schedule
	 * @throws ScheduleNotFoundException when there is none
	 */
	public ScheduleRecord get(UUID id) {
		return this.queries.find(id).orElseThrow(ScheduleNotFoundException::new);
	}

	/**
	 * A page of the tenant's schedules, newest first.
	 * @param filter which schedules
	 * @param offset how many to skip
	 * @param limit how many at most
	 * @return the page and the total
	 */
	public Page<ScheduleRecord> list(ScheduleFilter filter, long offset, int limit) {
		return this.queries.page(filter, offset, limit);
	}

	/**
	 * Change a schedule.
	 * @param id the schedule
	 * @param change the requested change
	 * @return the changed schedule
	 */
	@Transactional
	public ScheduleRecord update(UUID id, SchedulePatchRequest change) {
		ScheduleRecord current = this.store.findForUpdate(id).orElseThrow(ScheduleNotFoundException::new);
		return save(current, change.applyTo(current.definition()));
	}

	/**
	 * Pause (or resume) a schedule, the original's {@code /pause} and {@code /resume}.
	 * @param id the schedule
	 * @param paused whether to pause
	 * @return the changed schedule
	 */
	@Transactional
	public ScheduleRecord setPaused(UUID id, boolean paused) {
		ScheduleRecord current = this.store.findForUpdate(id).orElseThrow(ScheduleNotFoundException::new);
		return save(current, current.definition().withPaused(paused));
	}

	/**
	 * Delete a schedule and its executions.
	 * @param caller the caller (the event names them, or the schedule's creator when the
	 * caller is no user)
	 * @param id the schedule
	 * @throws ScheduleNotFoundException when there is none
	 */
	@Transactional
	public void delete(AuthPrincipal caller, UUID id) {
		ScheduleStore.Deleted deleted = this.store.delete(id).orElseThrow(ScheduleNotFoundException::new);
		this.events.publish(new PlatformEvent("schedule.deleted", caller.tenantUuid(),
				caller.userUuid().orElse(deleted.userId()), EventLevel.INFO, "schedule", id.toString(),
				"Schedule \"" + deleted.name() + "\" deleted", Map.of("schedule_name", deleted.name())));
	}

	private ScheduleRecord save(ScheduleRecord current, ScheduleDefinition changed) {
		Recurrence recurrence = changed.recurrence();
		this.store.update(current.id(), changed, nextRun(current, changed, recurrence));
		return this.store.find(current.id()).orElseThrow();
	}

	private @Nullable Instant nextRun(ScheduleRecord current, ScheduleDefinition changed, Recurrence recurrence) {
		ScheduleDefinition before = current.definition();
		boolean resumed = changed.runnable() && !before.runnable();
		if (changed.timingDiffers(before) || (resumed && changed.type() != ScheduleType.ONCE)) {
			return recurrence.firstAfter(this.clock.instant()).orElse(null);
		}
		return current.nextExecutionAt();
	}

	/**
	 * A page of a list.
	 *
	 * @param items the items
	 * @param total how many there are in all
	 * @param <T> the item type
	 */
	public record Page<T>(List<T> items, long total) {

	}

}
