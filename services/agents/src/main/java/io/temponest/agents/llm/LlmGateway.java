package io.temponest.agents.llm;

import java.util.function.Consumer;

/**
 * Chat calls to the configured providers. Both methods block the calling (virtual)
 * thread, retry what is worth retrying and throw {@link LlmFailure} for everything else.
 */
public interface LlmGateway {

	/**
	 * Ask a model and wait for the whole answer.
	 * @param model the provider and model
	 * @param prompt the messages and settings
	 * @return the answer
	 * @throws LlmFailure when the provider gives no usable answer
	 */
	LlmReply complete(ModelChoice model, LlmPrompt prompt);

	/**
	 * Ask a model and pass each piece of text to {@code onToken} as the provider streams
	 * it. When {@code onToken} throws (the client went away), the provider call is
	 * cancelled and the exception propagates.
	 * @param model the provider and model
	 * @param prompt the messages and settings
	 * @param onToken receives the text as it arrives
	 * @return the whole answer once the stream ends
	 * @throws LlmFailure when the provider gives no usable answer
	 */
	LlmReply stream(ModelChoice model, LlmPrompt prompt, Consumer<String> onToken);

}
