package io.temponest.workers.pipeline;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A task's risk: low tasks run at once, medium ones need one approval, high ones two.
 */
public enum RiskLevel {

	/** Runs without approval. */
	LOW(0),

	/** Needs one approval. */
	MEDIUM(1),

	/** Needs two approvals. */
	HIGH(2);

	private static final List<String> HIGH_KEYWORDS = List.of("production", "deploy", "billing", "refund", "migration",
			"delete", "drop", "payment", "pricing");

	private static final List<String> LOW_KEYWORDS = List.of("documentation", "readme", "comment", "draft", "read");

	private final int requiredApprovers;

	RiskLevel(int requiredApprovers) {
		this.requiredApprovers = requiredApprovers;
	}

	/**
	 * How many approvals a task of this level needs.
	 * @return 0, 1 or 2
	 */
	public int requiredApprovers() {
		return this.requiredApprovers;
	}

	/**
	 * The wire name.
	 * @return {@code low}, {@code medium} or {@code high}
	 */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * A task's risk: the level the plan gives when it is one, else the keyword rules
	 * (lower-cased substrings, high keywords first: "dropdown" is high, "thread" low).
	 * @param task the task
	 * @param planned the level the overseer gave, if any
	 * @return the risk
	 */
	public static RiskLevel of(String task, @Nullable String planned) {
		RiskLevel given = parse(planned);
		return (given != null) ? given : assess(task);
	}

	/**
	 * The keyword rules alone.
	 * @param task the task
	 * @return the risk
	 */
	public static RiskLevel assess(String task) {
		String text = task.toLowerCase(Locale.ROOT);
		if (HIGH_KEYWORDS.stream().anyMatch(text::contains)) {
			return HIGH;
		}
		if (LOW_KEYWORDS.stream().anyMatch(text::contains)) {
			return LOW;
		}
		return MEDIUM;
	}

	private static @Nullable RiskLevel parse(@Nullable String level) {
		if (level == null) {
			return null;
		}
		for (RiskLevel candidate : values()) {
			if (candidate.wireName().equals(level.strip().toLowerCase(Locale.ROOT))) {
				return candidate;
			}
		}
		return null;
	}

}
