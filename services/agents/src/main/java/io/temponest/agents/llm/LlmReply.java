package io.temponest.agents.llm;

/**
 * A provider's complete answer.
 *
 * @param text the answer text
 * @param usage the tokens of the call
 * @param model the provider and model that answered
 * @param latencyMillis time from the request to the last byte, retries included
 */
public record LlmReply(String text, TokenUsage usage, ModelChoice model, long latencyMillis) {

}
