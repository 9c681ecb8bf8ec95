package io.temponest.agents.llm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a failed attempt means: the failure to report if it is not tried again, whether
 * and why it may be tried again, and the wait the provider asked for.
 *
 * @param failure the failure to report when the call gives up
 * @param retryReason why another attempt may help, or {@code null} when none will
 * @param retryAfter the provider's {@code Retry-After}, if it sent one
 */
record Verdict(LlmFailure failure, @Nullable RetryReason retryReason, @Nullable Duration retryAfter) {

	static Verdict finalFailure(LlmFailure failure) {
		return new Verdict(failure, null, null);
	}

}
