package io.temponest.agents.llm;

/** Why a provider call is tried again, as the {@code reason} tag of the retry counter. */
enum RetryReason {

	/** HTTP 429. */
	RATE_LIMITED("rate_limited"),

	/** HTTP 5xx. */
	SERVER_ERROR("server_error"),

	/** The connection could not be made. */
	CONNECT("connect");

	private final String tag;

	RetryReason(String tag) {
		this.tag = tag;
	}

	String tag() {
		return this.tag;
	}

}
