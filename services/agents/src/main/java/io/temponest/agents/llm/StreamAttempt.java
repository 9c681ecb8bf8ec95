package io.temponest.agents.llm;

import java.util.function.Consumer;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.jspecify.annotations.Nullable;

/**
 * One streaming attempt: passes each piece of text to the caller and keeps their
 * concatenation; when the caller's consumer throws, cancels the stream (which closes the
 * connection) and delivers nothing more. {@link ProviderHttpClient} reads streams on the
 * calling thread, so the attempt is settled when the model's {@code chat} returns.
 */
final class StreamAttempt implements StreamingChatResponseHandler {

	private final Consumer<String> onToken;

	private final StringBuilder text = new StringBuilder();

	private @Nullable ChatResponse response;

	private @Nullable Throwable error;

	private @Nullable Throwable clientError;

	StreamAttempt(Consumer<String> onToken) {
		this.onToken = onToken;
	}

	@Override
	public synchronized void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
		if (this.clientError != null || this.error != null) {
			return;
		}
		try {
			this.onToken.accept(partial.text());
			this.text.append(partial.text());
		}
		catch (RuntimeException | Error ex) {
			this.clientError = ex;
			context.streamingHandle().cancel();
		}
	}

	@Override
	public synchronized void onCompleteResponse(ChatResponse completeResponse) {
		if (this.error == null && this.clientError == null) {
			this.response = completeResponse;
		}
	}

	@Override
	public synchronized void onError(Throwable error) {
		if (this.error == null && this.response == null) {
			this.error = error;
		}
	}

	/**
	 * Whether the caller has received text, so that the attempt must not be repeated.
	 * @return whether text was delivered
	 */
	synchronized boolean delivered() {
		return !this.text.isEmpty() || this.clientError != null;
	}

	synchronized String text() {
		return this.text.toString();
	}

	/**
	 * The settled attempt.
	 * @param provider the provider, for the failure message
	 * @return the final response
	 * @throws Retries.ClientGone when the caller's consumer threw
	 * @throws RuntimeException the provider's error, for classification
	 */
	synchronized ChatResponse result(LlmProvider provider) {
		if (this.clientError != null) {
			throw new Retries.ClientGone(this.clientError);
		}
		if (this.error instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (this.error != null) {
			throw new IllegalStateException("Stream failed", this.error);
		}
		if (this.response == null) {
			throw FailureClassifier.failure(LlmFailure.Kind.BAD_GATEWAY, provider,
					"ended the stream before the answer was complete", null);
		}
		return this.response;
	}

}
