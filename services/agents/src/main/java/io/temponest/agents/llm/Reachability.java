package io.temponest.agents.llm;

/** Whether a provider answers, for {@code /health}. */
public enum Reachability {

	/** The provider answered its model list with 2xx. */
	REACHABLE("reachable"),

	/** No connection, a timeout or an error answer. */
	UNREACHABLE("unreachable"),

	/** The provider has no API key, so the service does not use it. */
	NOT_CONFIGURED("not_configured");

	private final String id;

	Reachability(String id) {
		this.id = id;
	}

	/**
	 * The name in health answers.
	 * @return the name
	 */
	public String id() {
		return this.id;
	}

}
