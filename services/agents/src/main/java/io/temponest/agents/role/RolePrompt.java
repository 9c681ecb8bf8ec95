package io.temponest.agents.role;

/**
 * The two messages of a role's chat request: who the model is and how it must answer
 * (system), and the task with its context (user).
 *
 * @param system the system message: persona and the exact answer format
 * @param user the user message: the task, the context and the knowledge-base excerpts
 */
public record RolePrompt(String system, String user) {

}
