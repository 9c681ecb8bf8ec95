package io.temponest.scheduler.agent;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.exchange.TokenExchangeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * Runs agent tasks on the agents service, one HTTP call per run ({@code POST} to the run
 * path with the task as JSON, straight on the JDK {@link HttpClient}: the run is the hot
 * path of a burst, so it builds its request and reads its answer without a client
 * framework in between), and turns every answer or failure into an {@link AgentOutcome}:
 * it never throws for an answer, a timeout or an I/O error. A success answer must be
 * JSON; any other answer, or JSON that is not a run result, is an unreadable answer. Each
 * run acts as the schedule's creator: it carries {@code Authorization: Bearer} with the
 * creator's token from the auth service's token exchange (cached by the
 * {@link ServiceTokenClient}); when auth refuses the creator (gone, deactivated, or
 * lacking {@code agents:execute}) the run fails without a call and is not retried. Counts
 * calls ({@value #CALLS_METRIC}, tags {@code agent} and {@code outcome}) and times them
 * ({@value #DURATION_METRIC}, tag {@code agent}).
 */
@Component
public class AgentInvoker {

	/** Counter of calls, tagged with the agent and the outcome. */
	public static final String CALLS_METRIC = "temponest.agent.calls";

	/** Timer of calls, tagged with the agent. */
	public static final String DURATION_METRIC = "temponest.agent.call.duration";

	static final String UNREADABLE_RESPONSE = "Agent service returned an unreadable response";

	static final String REFUSED_PREFIX = "The user this run acts for may not run agents any more: ";

	private static final Logger log = LoggerFactory.getLogger(AgentInvoker.class);

	private static final Set<String> SUCCESS_STATUSES = Set.of("completed", "success");

	private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);

	private static final int MAX_ERROR_BODY_CODE_POINTS = 500;

	/** Enough bytes for {@link #MAX_ERROR_BODY_CODE_POINTS} in any UTF-8 text. */
	private static final int MAX_ERROR_BODY_BYTES = MAX_ERROR_BODY_CODE_POINTS * 4;

	private static final String AGENT_VARIABLE = "{agent}";

	/**
	 * Where a schedule whose agent is an id (an agent made through the agents service's
	 * {@code POST /agents}) runs: that service's run endpoint for any agent of the
	 * catalog.
	 */
	private static final String AGENT_ID_RUN_PATH = "/agents/{agent}/run";

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private static final JsonMapper json = JsonMapper.shared();

	private final String baseUrl;

	private final String runPath;

	private final ServiceTokenClient tokens;

	private final HttpClient httpClient;

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Map<CallKey, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Create an invoker.
	 * @param properties where and how to reach the agents service
	 * @param tokens where the tokens of the users runs act for come from
	 * @param registry where to record call metrics
	 */
	public AgentInvoker(AgentsProperties properties, ServiceTokenClient tokens, MeterRegistry registry) {
		String base = properties.baseUrl().toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.runPath = properties.runPath().startsWith("/") ? properties.runPath() : "/" + properties.runPath();
		this.tokens = tokens;
		this.httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		this.registry = registry;
	}

	/**
	 * Run an agent task and wait for its outcome, at most the call's timeout.
	 * @param call the run
	 * @return how it ended
	 */
	public AgentOutcome run(AgentCall call) {
		Timer.Sample sample = Timer.start(this.registry);
		Classified classified = classify(call);
		sample.stop(this.timers.computeIfAbsent(call.agentName(),
				(agent) -> Timer.builder(DURATION_METRIC).tag("agent", agent).register(this.registry)));
		this.counters
			.computeIfAbsent(new CallKey(call.agentName(), classified.metricOutcome()),
					(key) -> Counter.builder(CALLS_METRIC)
						.tag("agent", key.agent())
						.tag("outcome", key.outcome())
						.register(this.registry))
			.increment();
		if (classified.outcome() instanceof AgentOutcome.Failed failed) {
			log.warn("Agent {} run (request {}) failed, retryable: {}: {}", call.agentName(), call.requestId(),
					failed.retryable(), failed.error());
		}
		else {
			log.debug("Agent {} run (request {}) completed", call.agentName(), call.requestId());
		}
		return classified.outcome();
	}

	private Classified classify(AgentCall call) {
		ActingUser user = new ActingUser(call.tenantId(), call.userId());
		String token;
		try {
			token = this.tokens.tokenFor(user);
		}
		catch (TokenExchangeException ex) {
			return ex.isUserRefused() ? Classified.refused(REFUSED_PREFIX + ex.getMessage())
					: Classified.error("Could not obtain a token for the schedule's creator: " + ex.getMessage(), true);
		}
		HttpResponse<byte[]> response;
		CompletableFuture<HttpResponse<byte[]>> exchange = this.httpClient.sendAsync(request(call, token),
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			// the request's timeout bounds the wait for the headers, this one also
			// a body that arrives too slowly
			response = exchange.get(call.timeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			return timedOut(call);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (isReadTimeout(cause)) {
				return timedOut(call);
			}
			return Classified.error("Failed to call agent service: " + describe(cause), true);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			return Classified.error("Failed to call agent service: interrupted", true);
		}
		int status = response.statusCode();
		if (status == 401) {
			// the token was refused (revoked, or signed with a retired key): the next run
			// exchanges anew
			this.tokens.evict(user);
		}
		if (status < 200 || status >= 300) {
			return Classified.error("Agent service returned " + status + ": " + truncate(errorBody(response)),
					status >= 500 || RETRYABLE_CLIENT_ERRORS.contains(status));
		}
		return interpret(read(response));
	}

	private HttpRequest request(AgentCall call, String token) {
		String agent = UriUtils.encodePathSegment(call.agentName(), StandardCharsets.UTF_8);
		String path = isAgentId(call.agentName()) ? AGENT_ID_RUN_PATH : this.runPath;
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.baseUrl + path.replace(AGENT_VARIABLE, agent)))
			.timeout(call.timeout())
			.header("Content-Type", JSON)
			.header("Accept", JSON)
			.header("X-Tenant-ID", call.tenantId().toString())
			.header("X-User-ID", call.userId().toString())
			.header("X-Request-ID", call.requestId())
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(AgentRunRequest.of(call))));
		return request.build();
	}

	private static boolean isAgentId(String agentName) {
		if (agentName.length() != 36) {
			return false;
		}
		try {
			return UUID.fromString(agentName).toString().equals(agentName.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The run result of a success answer, {@code null} when it is not JSON or not a run
	 * result.
	 */
	private static @Nullable AgentResponse read(HttpResponse<byte[]> response) {
		MediaType contentType = contentType(response);
		if (contentType == null || !isJson(contentType) || response.body().length == 0) {
			return null;
		}
		try {
			return json.readValue(response.body(), AgentResponse.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isJson(MediaType type) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(type)
				|| ("application".equals(type.getType()) && type.getSubtype().endsWith("+json"));
	}

	private static @Nullable MediaType contentType(HttpResponse<?> response) {
		String header = response.headers().firstValue("Content-Type").orElse(null);
		if (header == null) {
			return null;
		}
		try {
			return MediaType.parseMediaType(header);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	private static Classified interpret(@Nullable AgentResponse response) {
		if (response == null) {
			return Classified.error(UNREADABLE_RESPONSE, true);
		}
		if (response.status() != null && SUCCESS_STATUSES.contains(response.status())) {
			JsonNode result = response.result();
			AgentResponse.CostInfo costInfo = response.costInfo();
			BigDecimal cost = (costInfo != null) ? costInfo.totalCostUsd() : null;
			Integer tokens = response.tokensUsed();
			return new Classified(new AgentOutcome.Succeeded(response.taskId(),
					(result != null && !result.isNull() && !result.isMissingNode()) ? result
							: JsonNodeFactory.instance.objectNode(),
					(tokens != null) ? tokens : 0, (cost != null) ? cost : BigDecimal.ZERO), "success");
		}
		String error = StringUtils.hasText(response.error()) ? response.error() : "Unknown error";
		return new Classified(new AgentOutcome.Failed(error, true, false), "failed");
	}

	private static Classified timedOut(AgentCall call) {
		return new Classified(new AgentOutcome.Failed(
				"Agent service timeout after " + seconds(call.timeout()) + " seconds", true, true), "timeout");
	}

	private static String errorBody(HttpResponse<byte[]> response) {
		MediaType contentType = contentType(response);
		Charset charset = (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
				: StandardCharsets.UTF_8;
		byte[] body = response.body();
		return new String((body.length > MAX_ERROR_BODY_BYTES) ? Arrays.copyOf(body, MAX_ERROR_BODY_BYTES) : body,
				charset);
	}

	private static String truncate(String text) {
		if (text.codePointCount(0, text.length()) <= MAX_ERROR_BODY_CODE_POINTS) {
			return text;
		}
		return text.substring(0, text.offsetByCodePoints(0, MAX_ERROR_BODY_CODE_POINTS));
	}

	private static boolean isReadTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The first message down the cause chain, else the exception's type and its root
	 * cause's type (the JDK client's connection errors carry no message).
	 */
	private static String describe(Throwable ex) {
		Throwable root = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (StringUtils.hasText(cause.getMessage())) {
				return cause.getMessage();
			}
			root = cause;
		}
		String type = ex.getClass().getSimpleName();
		return (root == ex) ? type : type + " (" + root.getClass().getSimpleName() + ")";
	}

	private static String seconds(Duration timeout) {
		return BigDecimal.valueOf(timeout.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
	}

	/** The tags of a call counter. */
	private record CallKey(String agent, String outcome) {

	}

	/** An outcome and the {@code outcome} tag it is counted under. */
	private record Classified(AgentOutcome outcome, String metricOutcome) {

		static Classified error(String error, boolean retryable) {
			return new Classified(new AgentOutcome.Failed(error, retryable, false), "error");
		}

		static Classified refused(String error) {
			return new Classified(new AgentOutcome.Failed(error, false, false), "refused");
		}

	}

}
