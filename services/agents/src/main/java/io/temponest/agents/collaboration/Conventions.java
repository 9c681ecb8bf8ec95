package io.temponest.agents.collaboration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text conventions between the patterns and the agents: how an iterative step says
 * the work is done, and how a hierarchical lead assigns subtasks.
 */
final class Conventions {

	/** What every iterative step is told about ending the loop. */
	static final String DONE_RULE = "Improve the latest draft, or write the first one if there is none. When the "
			+ "work needs no further changes, give the final version and end your answer with a line that "
			+ "contains only the word DONE.";

	private static final Pattern DONE_LINE = Pattern.compile("(?im)^[\\s*_#>`]*DONE[\\s*_.!`]*$");

	private static final Pattern ASSIGNMENT = Pattern
		.compile("^[\\s>*\\-•\\d.)]*[*_`]*([A-Za-z0-9_-]{2,100})[*_`]*\\s*:\\s*(.+)$");

	private Conventions() {
	}

	/**
	 * Whether an iterative step's output ends the loop: a line of its own that is the
	 * word {@code DONE} (any case, markdown emphasis and trailing punctuation ignored).
	 * @param output the step's output
	 * @return whether the work is done
	 */
	static boolean done(String output) {
		return DONE_LINE.matcher(output).find();
	}

	/**
	 * The output without its {@code DONE} lines.
	 * @param output the step's output
	 * @return the final text
	 */
	static String withoutDone(String output) {
		return DONE_LINE.matcher(output).replaceAll("").strip();
	}

	/**
	 * The subtask of each worker in a lead's plan: lines {@code <agent>: <subtask>} (list
	 * markers and emphasis allowed) whose agent is a worker, by role name with hyphens or
	 * underscores or by id; several lines for one worker are joined; a worker without a
	 * line is given the goal.
	 * @param plan the lead's output
	 * @param workers the workers' canonical names
	 * @param goal the session's goal
	 * @return each worker's subtask, in the workers' order (one per worker)
	 */
	static List<String> assignments(String plan, List<String> workers, String goal) {
		Map<String, StringBuilder> found = new LinkedHashMap<>();
		List<String> names = workers.stream().map(Conventions::normalise).toList();
		for (String line : plan.split("\\R")) {
			Matcher matcher = ASSIGNMENT.matcher(line);
			String named = matcher.matches() ? normalise(matcher.group(1)) : null;
			if (named == null || !names.contains(named)) {
				continue;
			}
			StringBuilder task = found.computeIfAbsent(named, (key) -> new StringBuilder());
			if (!task.isEmpty()) {
				task.append('\n');
			}
			task.append(matcher.group(2).strip());
		}
		List<String> assignments = new ArrayList<>();
		for (String name : names) {
			StringBuilder task = found.get(name);
			assignments.add((task != null) ? task.toString() : goal);
		}
		return assignments;
	}

	private static String normalise(String name) {
		return name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
