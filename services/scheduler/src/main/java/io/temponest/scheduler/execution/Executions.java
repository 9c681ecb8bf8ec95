package io.temponest.scheduler.execution;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.scheduler.schedule.ScheduleNotFoundException;
import io.temponest.scheduler.schedule.Schedules;
import io.temponest.scheduler.schedule.UserRequiredException;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Execution history and manual triggers of the caller's tenant. A trigger only queues the
 * execution (202): the poller runs it right after the commit, with the same lease, retry
 * and timeout handling as a scheduled occurrence.
 */
@Service
public class Executions {

	private final ExecutionStore store;

	private final Schedules schedules;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final EventOutbox outbox;

	Executions(ExecutionStore store, Schedules schedules, ApplicationEventPublisher events, Clock clock,
			EventOutbox outbox) {
		this.store = store;
		this.schedules = schedules;
		this.events = events;
		this.clock = clock;
		this.outbox = outbox;
	}

	/**
	 * Queue a run of an active schedule now (paused schedules can be triggered).
	 * @param caller the caller, on whose behalf the agent runs
	 * @param scheduleId the schedule
	 * @return the queued execution
	 * @throws ScheduleNotFoundException when the schedule is missing or inactive
	 */
	@Transactional
	public ExecutionRecord trigger(AuthPrincipal caller, UUID scheduleId) {
		UUID userId = caller.userUuid().orElseThrow(UserRequiredException::new);
		ExecutionRecord queued = this.store.queueManual(scheduleId, userId, this.clock.instant())
			.orElseThrow(() -> new ScheduleNotFoundException("Scheduled task not found or not active"));
		this.events.publishEvent(new ExecutionQueued(queued.id()));
		this.outbox.publish(new PlatformEvent("schedule.triggered", caller.tenantUuid(), userId, EventLevel.INFO,
				"schedule", scheduleId.toString(), "Schedule triggered manually (run " + queued.executionNumber() + ")",
				Map.of("execution_id", queued.id().toString(), "execution_number", queued.executionNumber(),
						"agent_name", queued.agentName())));
		return queued;
	}

	/**
	 * A page of a schedule's executions, newest first.
	 * @param scheduleId the schedule
	 * @param status only this status, or all
	 * @param offset rows to skip
	 * @param limit rows at most
	 * @return the page
	 * @throws ScheduleNotFoundException when the schedule is missing
	 */
	@Transactional(readOnly = true)
	public Schedules.Page<ExecutionRecord> history(UUID scheduleId, @Nullable ExecutionStatus status, long offset,
			int limit) {
		this.schedules.get(scheduleId);
		var items = this.store.list(scheduleId, status, offset, limit);
		long total = (offset == 0 && items.size() < limit) ? items.size() : this.store.count(scheduleId, status);
		return new Schedules.Page<>(items, total);
	}

}
