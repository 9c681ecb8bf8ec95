package io.temponest.workers.pipeline;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One task of the overseer's plan.
 *
 * @param task what to do
 * @param agent who does it
 * @param riskLevel the risk the overseer gave, if any
 */
record PlanItem(String task, AgentRole agent, @Nullable String riskLevel) {

	/**
	 * The plan in an overseer result ({@code plan[]} of {@code {task, agent,
	 * risk_level}}); entries that are no objects are skipped, a missing task is empty.
	 * @param result the overseer's result
	 * @return the plan, possibly empty
	 */
	static List<PlanItem> from(Map<String, Object> result) {
		if (!(result.get("plan") instanceof List<?> plan)) {
			return List.of();
		}
		return plan.stream()
			.filter(Map.class::isInstance)
			.map(Map.class::cast)
			.map((item) -> new PlanItem(string(item.get("task"), ""), AgentRole.of(string(item.get("agent"), null)),
					string(item.get("risk_level"), null)))
			.toList();
	}

	private static @Nullable String string(@Nullable Object value, @Nullable String fallback) {
		return (value instanceof String text) ? text : fallback;
	}

}
