package io.temponest.agents.llm;

/**
 * One chat request: a system and a user message and the sampling settings of the role or
 * agent.
 *
 * @param system the system message
 * @param user the user message
 * @param temperature the sampling temperature
 * @param maxTokens the most tokens the answer may have
 */
public record LlmPrompt(String system, String user, double temperature, int maxTokens) {

}
