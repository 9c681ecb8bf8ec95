package io.temponest.agents.llm;

/**
 * The provider and model a run uses.
 *
 * @param provider the provider
 * @param model the provider's model name
 */
public record ModelChoice(LlmProvider provider, String model) {

}
