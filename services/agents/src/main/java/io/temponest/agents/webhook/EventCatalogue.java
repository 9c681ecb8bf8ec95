package io.temponest.agents.webhook;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The events a webhook can subscribe to: one list of names, onto which the SDK's names
 * (which are catalogue names) and the server contract's names (aliases) map, and the
 * activity log's actions that produce each.
 */
final class EventCatalogue {

	/** The event of {@code POST /webhooks/{id}/test} (sent whatever the subscription). */
	static final String TEST = "webhook.test";

	/** Every name, in the order {@code GET /webhooks/events} lists them. */
	static final List<String> NAMES = List.of("agent.execution.started", "agent.execution.completed",
			"agent.execution.failed", "schedule.created", "schedule.deleted", "schedule.fired", "schedule.triggered",
			"schedule.completed", "schedule.failed", "budget.alert", "cost.threshold.exceeded", "project.created",
			"project.moved", "run.created", "run.started", "run.succeeded", "run.failed", "run.cancelled",
			"approval.requested", "approval.approved", "approval.rejected", "project.deployment.approved", TEST);

	/** The server contract's event names and the catalogue names they subscribe to. */
	static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("task.started", "agent.execution.started"),
			Map.entry("task.completed", "agent.execution.completed"),
			Map.entry("task.failed", "agent.execution.failed"), Map.entry("agent.error", "agent.execution.failed"),
			Map.entry("budget.warning", "budget.alert"), Map.entry("budget.exceeded", "budget.alert"),
			Map.entry("budget.critical", "budget.alert"), Map.entry("workflow.started", "run.started"),
			Map.entry("workflow.completed", "run.succeeded"), Map.entry("workflow.failed", "run.failed"));

	/** Activity actions whose catalogue name differs from the action. */
	private static final Map<String, String> ACTIONS = Map.of("execution.completed", "agent.execution.completed",
			"execution.failed", "agent.execution.failed", "execution.started", "agent.execution.started");

	private EventCatalogue() {
	}

	/**
	 * The catalogue name a subscription names.
	 * @param name a catalogue name or an alias
	 * @return the catalogue name, or {@code null} when it names none
	 */
	static @Nullable String canonical(String name) {
		if (NAMES.contains(name)) {
			return name;
		}
		return ALIASES.get(name);
	}

	/**
	 * The catalogue event an activity row is.
	 * @param action the row's action
	 * @return the catalogue name, or {@code null} when webhooks cannot subscribe to it
	 */
	static @Nullable String ofAction(String action) {
		String name = ACTIONS.getOrDefault(action, action);
		return (NAMES.contains(name) && !TEST.equals(name)) ? name : null;
	}

}
