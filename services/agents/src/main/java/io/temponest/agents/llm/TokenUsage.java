package io.temponest.agents.llm;

/**
 * Tokens of one call, as the provider reports them (or counted where it reports none).
 *
 * @param prompt tokens sent
 * @param completion tokens received
 */
public record TokenUsage(int prompt, int completion) {

	/**
	 * Both together.
	 * @return prompt plus completion tokens
	 */
	public int total() {
		return this.prompt + this.completion;
	}

}
