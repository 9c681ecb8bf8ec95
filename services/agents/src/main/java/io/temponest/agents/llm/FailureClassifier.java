package io.temponest.agents.llm;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import dev.langchain4j.exception.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Sorts a failed attempt: rate limits, server errors and refused connections may be tried
 * again and end as unavailable (429, 503, no connection) or bad gateway (other 5xx);
 * timeouts end as timeout; every other error answer and anything unreadable ends as bad
 * gateway. The messages name the provider and what happened, never a body, key or prompt.
 */
final class FailureClassifier {

	private final Duration timeout;

	FailureClassifier(Duration timeout) {
		this.timeout = timeout;
	}

	Verdict classify(LlmProvider provider, Throwable error) {
		if (error instanceof LlmFailure failure) {
			return Verdict.finalFailure(failure);
		}
		ProviderStatusException status = find(error, ProviderStatusException.class);
		if (status != null) {
			return ofStatus(provider, status, error);
		}
		if (isConnectFailure(error)) {
			return new Verdict(failure(LlmFailure.Kind.UNAVAILABLE, provider, "could not be reached", error),
					RetryReason.CONNECT, null);
		}
		if (find(error, HttpTimeoutException.class) != null || find(error, TimeoutException.class) != null) {
			return Verdict.finalFailure(failure(LlmFailure.Kind.TIMEOUT, provider,
					"did not answer within " + readable(this.timeout), error));
		}
		return Verdict.finalFailure(
				failure(LlmFailure.Kind.BAD_GATEWAY, provider, "sent an answer that could not be read", error));
	}

	private Verdict ofStatus(LlmProvider provider, ProviderStatusException status, Throwable error) {
		int code = status.statusCode();
		Duration retryAfter = status.retryAfter().orElse(null);
		if (code == 429) {
			return new Verdict(
					failure(LlmFailure.Kind.UNAVAILABLE, provider, "answered HTTP 429 (rate limited)", error),
					RetryReason.RATE_LIMITED, retryAfter);
		}
		if (code >= 500) {
			LlmFailure.Kind kind = (code == 503) ? LlmFailure.Kind.UNAVAILABLE : LlmFailure.Kind.BAD_GATEWAY;
			return new Verdict(failure(kind, provider, "answered HTTP " + code, error), RetryReason.SERVER_ERROR,
					retryAfter);
		}
		return Verdict.finalFailure(failure(LlmFailure.Kind.BAD_GATEWAY, provider, "answered HTTP " + code, error));
	}

	private static boolean isConnectFailure(Throwable error) {
		return find(error, ConnectException.class) != null || find(error, HttpConnectTimeoutException.class) != null
				|| find(error, UnresolvedAddressException.class) != null
				|| find(error, UnknownHostException.class) != null || find(error, NoRouteToHostException.class) != null;
	}

	static String readable(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

	static LlmFailure failure(LlmFailure.Kind kind, LlmProvider provider, String what, @Nullable Throwable cause) {
		return new LlmFailure(kind, "LLM provider " + provider.id() + " " + what, cause);
	}

	private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
