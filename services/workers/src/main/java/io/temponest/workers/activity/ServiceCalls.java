package io.temponest.workers.activity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.exchange.TokenExchangeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON calls to the agents and approval services from activities, as the user the
 * workflow acts for (a token exchanged at call time, never stored in the workflow). While
 * a call waits it heartbeats, so a cancelled workflow or a lost worker stops it. Failures
 * become Temporal failures: 4xx answers are final (non-retryable), except 401 (the token
 * is dropped and the next attempt exchanges a new one), 408, 409 (the agents service
 * still runs the same idempotency key), 425 and 429; 5xx answers, timeouts and I/O errors
 * are retried by the activity's retry policy.
 */
final class ServiceCalls {

	static final String HTTP_ERROR = "HttpError";

	static final String USER_REFUSED = "UserRefused";

	private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(401, 408, 409, 425, 429);

	private static final int MAX_ERROR_BODY = 300;

	private final HttpClient http;

	private final ServiceTokenClient tokens;

	private final Duration heartbeatInterval;

	private final JsonMapper json = JsonMapper.shared();

	private final MeterRegistry meters;

	ServiceCalls(ServiceTokenClient tokens, Duration connectTimeout, Duration heartbeatInterval, MeterRegistry meters) {
		this.tokens = tokens;
		this.heartbeatInterval = heartbeatInterval;
		this.meters = meters;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
	}

	/**
	 * {@code POST} a JSON body and read the JSON answer.
	 * @param uri where
	 * @param body the body
	 * @param user who the call acts for
	 * @param timeout how long to wait for the answer
	 * @param heartbeat whether to heartbeat while waiting
	 * @return the answer
	 */
	JsonNode post(URI uri, Object body, ActingUser user, Duration timeout, boolean heartbeat) {
		return send(
				HttpRequest.newBuilder(uri)
					.timeout(timeout)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body))),
				user, timeout, heartbeat);
	}

	/**
	 * {@code GET} a JSON resource.
	 * @param uri where
	 * @param user who the call acts for
	 * @param timeout how long to wait for the answer
	 * @return the answer
	 */
	JsonNode get(URI uri, ActingUser user, Duration timeout) {
		return send(HttpRequest.newBuilder(uri).timeout(timeout).GET(), user, timeout, false);
	}

	/**
	 * Send, counting every failed call in {@code temponest.pipeline.call.failures} by the
	 * service called ({@code agents} or {@code approval}), the failure's type and whether
	 * the activity is retried.
	 */
	private JsonNode send(HttpRequest.Builder builder, ActingUser user, Duration timeout, boolean heartbeat) {
		String path = builder.build().uri().getPath();
		try {
			return attempt(builder, user, timeout, heartbeat);
		}
		catch (ApplicationFailure failure) {
			Counter.builder("temponest.pipeline.call.failures")
				.description("Calls of the pipeline activities to the agents and approval services that failed")
				.tag("target", path.startsWith("/api/approvals") ? "approval" : "agents")
				.tag("type", String.valueOf(failure.getType()))
				.tag("retryable", String.valueOf(!failure.isNonRetryable()))
				.register(this.meters)
				.increment();
			throw failure;
		}
	}

	private JsonNode attempt(HttpRequest.Builder builder, ActingUser user, Duration timeout, boolean heartbeat) {
		String token;
		try {
			token = this.tokens.tokenFor(user);
		}
		catch (TokenExchangeException ex) {
			if (ex.isUserRefused()) {
				throw ApplicationFailure.newNonRetryableFailure(
						"The user this workflow acts for may not do this any more: " + ex.getMessage(), USER_REFUSED);
			}
			throw ApplicationFailure.newFailure("Token exchange failed: " + ex.getMessage(), "TokenExchangeFailed");
		}
		HttpRequest request = builder.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.header("X-Request-ID", UUID.randomUUID().toString())
			.build();
		HttpResponse<byte[]> response = await(this.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()),
				request, timeout, heartbeat);
		int status = response.statusCode();
		if (status == 401) {
			this.tokens.evict(user);
		}
		if (status < 200 || status >= 300) {
			String message = request.method() + " " + request.uri().getPath() + " answered " + status + ": "
					+ excerpt(response.body());
			if (status >= 500 || RETRYABLE_CLIENT_ERRORS.contains(status)) {
				throw ApplicationFailure.newFailure(message, HTTP_ERROR, status);
			}
			throw ApplicationFailure.newNonRetryableFailure(message, HTTP_ERROR, status);
		}
		try {
			return this.json.readTree(response.body());
		}
		catch (JacksonException ex) {
			throw ApplicationFailure.newFailure(
					request.method() + " " + request.uri().getPath() + " answered " + status + " without JSON",
					"UnreadableAnswer");
		}
	}

	private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> exchange, HttpRequest request,
			Duration timeout, boolean heartbeat) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					exchange.cancel(true);
					throw timedOut(request, timeout);
				}
				try {
					return exchange.get(Math.min(remaining, this.heartbeatInterval.toNanos()), TimeUnit.NANOSECONDS);
				}
				catch (TimeoutException ex) {
					if (heartbeat) {
						Activity.getExecutionContext().heartbeat(null);
					}
				}
			}
		}
		catch (ActivityCompletionException ex) {
			exchange.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof java.net.http.HttpTimeoutException) {
				throw timedOut(request, timeout);
			}
			throw ApplicationFailure.newFailure(
					request.method() + " " + request.uri().getPath() + " failed: " + describe(cause),
					(cause instanceof IOException) ? "IOError" : "CallFailed");
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw ApplicationFailure.newFailure("Interrupted", "Interrupted");
		}
	}

	private static ApplicationFailure timedOut(HttpRequest request, Duration timeout) {
		return ApplicationFailure.newFailure(
				request.method() + " " + request.uri().getPath() + " timed out after " + timeout.toSeconds() + " s",
				"Timeout");
	}

	private static String describe(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
				return cause.getMessage();
			}
		}
		return ex.getClass().getSimpleName();
	}

	private static String excerpt(byte @Nullable [] body) {
		if (body == null) {
			return "";
		}
		String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		return (text.length() > MAX_ERROR_BODY) ? text.substring(0, MAX_ERROR_BODY) : text;
	}

}
