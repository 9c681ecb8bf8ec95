package io.temponest.agents.llm;

import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;
import org.jspecify.annotations.Nullable;

/**
 * A provider's error answer: its status and, when it sent one, how long its
 * {@code Retry-After} asks to wait. The message names the status only, never the body.
 */
final class ProviderStatusException extends HttpException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Duration retryAfter;

	ProviderStatusException(int statusCode, @Nullable Duration retryAfter) {
		super(statusCode, "HTTP " + statusCode);
		this.retryAfter = retryAfter;
	}

	/**
	 * The wait the provider asked for.
	 * @return the wait, if the answer had a readable {@code Retry-After}
	 */
	Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
