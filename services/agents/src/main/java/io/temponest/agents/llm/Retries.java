package io.temponest.agents.llm;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs the attempts of one provider call: a failed attempt is repeated (up to the
 * configured number of times) when its {@link Verdict} allows it and the caller has not
 * yet received anything, after the provider's {@code Retry-After} or else an exponential
 * back-off with jitter. A provider asking for a longer wait than configured fails the
 * call at once as unavailable.
 */
final class Retries {

	private final LlmProperties properties;

	private final FailureClassifier classifier;

	private final Sleeper sleeper;

	private final DoubleSupplier random;

	private final LlmMetrics metrics;

	Retries(LlmProperties properties, Sleeper sleeper, DoubleSupplier random, LlmMetrics metrics) {
		this.properties = properties;
		this.classifier = new FailureClassifier(properties.timeout());
		this.sleeper = sleeper;
		this.random = random;
		this.metrics = metrics;
	}

	/**
	 * Run the attempts.
	 * @param <T> the result type
	 * @param provider the provider called
	 * @param attempt one attempt; {@link ClientGone} passes through untouched
	 * @param mayRetry whether a failed attempt may still be repeated (false once a stream
	 * has delivered text)
	 * @return the first successful attempt's result
	 * @throws LlmFailure when the call gives up
	 */
	<T> T run(LlmProvider provider, Supplier<T> attempt, BooleanSupplier mayRetry) {
		for (int retry = 0;; retry++) {
			try {
				return attempt.get();
			}
			catch (ClientGone ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				Verdict verdict = this.classifier.classify(provider, ex);
				RetryReason reason = verdict.retryReason();
				if (reason == null || retry >= this.properties.maxRetries() || !mayRetry.getAsBoolean()) {
					throw verdict.failure();
				}
				Duration delay = delay(provider, verdict, retry);
				this.metrics.recordRetry(provider, reason);
				sleep(provider, delay);
			}
		}
	}

	private Duration delay(LlmProvider provider, Verdict verdict, int retry) {
		Duration retryAfter = verdict.retryAfter();
		if (retryAfter == null) {
			return backoff(retry);
		}
		if (retryAfter.compareTo(this.properties.maxRetryAfter()) > 0) {
			throw FailureClassifier.failure(LlmFailure.Kind.UNAVAILABLE, provider,
					"asked to retry after " + FailureClassifier.readable(retryAfter), verdict.failure().getCause());
		}
		return retryAfter;
	}

	/**
	 * The back-off before retry {@code retry} (0 for the first): the initial delay
	 * doubled per retry up to the cap, less up to half of it at random.
	 * @param retry the retry's number, from 0
	 * @return the delay
	 */
	Duration backoff(int retry) {
		LlmProperties.Backoff backoff = this.properties.backoff();
		Duration base = backoff.initial().multipliedBy(1L << Math.min(retry, 20));
		if (base.compareTo(backoff.max()) > 0) {
			base = backoff.max();
		}
		long jitter = (long) (base.toNanos() / 2.0 * this.random.getAsDouble());
		return base.minusNanos(jitter);
	}

	private void sleep(LlmProvider provider, Duration delay) {
		try {
			this.sleeper.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw FailureClassifier.failure(LlmFailure.Kind.UNAVAILABLE, provider, "call was interrupted", ex);
		}
	}

	/**
	 * The caller's {@code onToken} threw: the stream was cancelled and the error goes
	 * back as it is.
	 */
	static final class ClientGone extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ClientGone(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
