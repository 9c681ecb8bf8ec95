package io.temponest.agents.collaboration;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** How the agents of a session work together. */
public enum CollaborationPattern {

	/** One after another, each given the previous output (or the whole history). */
	SEQUENTIAL("Agents work one after another, each building on the work before it",
			"Code, then tests, then deployment", "Document drafting and review", "Phased delivery"),

	/** All at once on their own messages, with a bound on concurrency; outputs merged. */
	PARALLEL("Agents work at the same time on different aspects; their outputs are merged",
			"Multi-perspective code review", "Independent features", "Multi-faceted analysis"),

	/** Rounds of refinement until an agent declares the work done. */
	ITERATIVE("Agents refine a draft in rounds until one of them declares it done", "Design iteration",
			"Optimisation cycles", "Review and fix loops"),

	/** A lead agent plans, the others execute, the lead summarises. */
	HIERARCHICAL("A lead agent splits the goal among the others and summarises their results",
			"Complex project management", "Delegation by capability", "Dynamic orchestration");

	private final String description;

	private final String[] useCases;

	CollaborationPattern(String description, String... useCases) {
		this.description = description;
		this.useCases = useCases;
	}

	/**
	 * The pattern's name on the wire.
	 * @return the lower-case name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	String description() {
		return this.description;
	}

	String[] useCases() {
		return this.useCases.clone();
	}

	/**
	 * The pattern of a wire name.
	 * @param id the name
	 * @return the pattern, if any
	 */
	public static Optional<CollaborationPattern> of(@Nullable String id) {
		for (CollaborationPattern pattern : values()) {
			if (pattern.id().equals(id)) {
				return Optional.of(pattern);
			}
		}
		return Optional.empty();
	}

}
