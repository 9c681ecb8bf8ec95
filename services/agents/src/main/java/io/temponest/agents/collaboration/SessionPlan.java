package io.temponest.agents.collaboration;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A session to run, validated: the agents by canonical name (the hierarchical pattern's
 * lead first), the goal, the per-agent messages if any, and the settings.
 *
 * @param pattern the pattern
 * @param name an optional label
 * @param agents the agents, in order
 * @param initialMessage the goal
 * @param messages one message per agent, or {@code null}
 * @param passFullHistory whether a sequential step sees every earlier output (else only
 * the previous one)
 * @param maxIterations the iterative pattern's most rounds
 * @param maxConcurrency the most steps running at once
 * @param config the settings as given (stored and shown)
 * @param context passed to every step
 */
public record SessionPlan(CollaborationPattern pattern, @Nullable String name, List<String> agents,
		String initialMessage, @Nullable List<String> messages, boolean passFullHistory, int maxIterations,
		int maxConcurrency, Map<String, Object> config, Map<String, Object> context) {

	/**
	 * The message of the agent at a position: its own, or the goal.
	 * @param index the position
	 * @return the message
	 */
	String messageFor(int index) {
		return (this.messages != null) ? this.messages.get(index) : this.initialMessage;
	}

}
