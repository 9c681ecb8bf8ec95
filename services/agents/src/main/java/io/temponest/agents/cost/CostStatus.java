package io.temponest.agents.cost;

/** How the run whose cost is recorded ended. */
public enum CostStatus {

	/** The run produced its result. */
	COMPLETED("completed"),

	/** The run failed (its tokens were still spent). */
	FAILED("failed");

	private final String value;

	CostStatus(String value) {
		this.value = value;
	}

	/**
	 * The value of {@code cost_tracking.status}.
	 * @return the value
	 */
	public String value() {
		return this.value;
	}

}
