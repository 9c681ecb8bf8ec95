package io.temponest.agents.run;

import java.util.List;

import io.temponest.agents.role.Citation;

/**
 * The knowledge-base excerpts a run of an agent with collections was given, and whether
 * its agent requires them: such a run needs at least {@value #REQUIRED} excerpts scoring
 * at least {@code minScore}, else it fails before the provider is called.
 *
 * @param citations the excerpts retrieved for the task, best first
 * @param required whether the agent requires citations
 * @param minScore the least score of an excerpt that counts
 */
public record Grounding(List<Citation> citations, boolean required, double minScore) {

	/** How many excerpts an agent that requires citations needs. */
	public static final int REQUIRED = 2;

	public Grounding {
		citations = List.copyOf(citations);
	}

	/**
	 * How many excerpts score at least {@code minScore}.
	 * @return the count
	 */
	public int sufficient() {
		return (int) this.citations.stream().filter((citation) -> citation.score() >= this.minScore).count();
	}

	/**
	 * Whether the run must fail for want of grounding.
	 * @return true when citations are required and too few count
	 */
	public boolean insufficient() {
		return this.required && sufficient() < REQUIRED;
	}

}
