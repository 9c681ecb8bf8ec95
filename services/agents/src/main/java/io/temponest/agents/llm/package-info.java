/**
 * The LLM layer: chat calls to Ollama, OpenAI-compatible endpoints and Anthropic through
 * langchain4j, with timeouts, retries and failures classified for the HTTP answer.
 */
@NullMarked
package io.temponest.agents.llm;

import org.jspecify.annotations.NullMarked;
