package io.temponest.scheduler.agent;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Runs agent tasks on the agents service, one HTTP call per run, and turns every answer
 * or failure into an {@link AgentOutcome}: it never throws for an answer, a timeout or an
 * I/O error. Counts calls ({@value #CALLS_METRIC}, tags {@code agent} and
 * {@code outcome}) and times them ({@value #DURATION_METRIC}, tag {@code agent}).
 */
@Component
public class AgentInvoker {

	/** Counter of calls, tagged with the agent and the outcome. */
	public static final String CALLS_METRIC = "temponest.agent.calls";

	/** Timer of calls, tagged with the agent. */
	public static final String DURATION_METRIC = "temponest.agent.call.duration";

	static final String UNREADABLE_RESPONSE = "Agent service returned an unreadable response";

	private static final Logger log = LoggerFactory.getLogger(AgentInvoker.class);

	private static final Set<String> SUCCESS_STATUSES = Set.of("completed", "success");

	private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);

	private static final int MAX_ERROR_BODY_CODE_POINTS = 500;

	/** Enough bytes for {@link #MAX_ERROR_BODY_CODE_POINTS} in any UTF-8 text. */
	private static final int MAX_ERROR_BODY_BYTES = MAX_ERROR_BODY_CODE_POINTS * 4;

	private final RestClient.Builder clientBuilder;

	private final String runPath;

	private final HttpClient httpClient;

	private final MeterRegistry registry;

	private final Map<Duration, AgentsApi> apisByTimeout = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	private final Map<CallKey, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Create an invoker.
	 * @param builder builder of the underlying HTTP clients (left unchanged)
	 * @param properties where and how to reach the agents service
	 * @param registry where to record call metrics
	 */
	public AgentInvoker(RestClient.Builder builder, AgentsProperties properties, MeterRegistry registry) {
		this.clientBuilder = builder.clone()
			.baseUrl(properties.baseUrl().toString())
			.defaultStatusHandler((status) -> !status.is2xxSuccessful(), AgentInvoker::rejectUnsuccessful);
		String apiKey = properties.apiKey();
		if (StringUtils.hasText(apiKey)) {
			this.clientBuilder.defaultHeaders((headers) -> headers.setBearerAuth(apiKey));
		}
		this.runPath = properties.runPath();
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
		try {
			AgentResponse response = api(call.timeout()).run(call.agentName(), call.tenantId().toString(),
					call.userId().toString(), call.requestId(), AgentRunRequest.of(call));
			return interpret(response);
		}
		catch (RestClientResponseException ex) {
			int status = ex.getStatusCode().value();
			return Classified.error("Agent service returned " + status + ": " + truncate(ex.getResponseBodyAsString()),
					status >= 500 || RETRYABLE_CLIENT_ERRORS.contains(status));
		}
		catch (RestClientException ex) {
			if (isReadTimeout(ex)) {
				return new Classified(new AgentOutcome.Failed(
						"Agent service timeout after " + seconds(call.timeout()) + " seconds", true, true), "timeout");
			}
			IOException ioException = findIoException(ex);
			if (ioException != null) {
				return Classified.error("Failed to call agent service: " + describe(ioException), true);
			}
			return Classified.error(UNREADABLE_RESPONSE, true);
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

	private AgentsApi api(Duration timeout) {
		return this.apisByTimeout.computeIfAbsent(timeout, this::createApi);
	}

	private AgentsApi createApi(Duration readTimeout) {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(this.httpClient);
		requestFactory.setReadTimeout(readTimeout);
		// the call is timed and counted here (DURATION_METRIC, CALLS_METRIC): a second,
		// per-request observation of the same call would only add its cost
		RestClient client = this.clientBuilder.clone()
			.requestFactory(requestFactory)
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.embeddedValueResolver((value) -> value.replace(AgentsApi.RUN_PATH, this.runPath))
			.build()
			.createClient(AgentsApi.class);
	}

	private static void rejectUnsuccessful(HttpRequest request, ClientHttpResponse response) throws IOException {
		MediaType contentType = response.getHeaders().getContentType();
		Charset charset = (contentType != null) ? contentType.getCharset() : null;
		throw new RestClientResponseException("Agent service returned " + response.getStatusCode().value(),
				response.getStatusCode(), response.getStatusText(), response.getHeaders(), bodyStart(response),
				charset);
	}

	private static byte[] bodyStart(ClientHttpResponse response) {
		try (InputStream body = response.getBody()) {
			return body.readNBytes(MAX_ERROR_BODY_BYTES);
		}
		catch (IOException ex) {
			return new byte[0];
		}
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

	private static @Nullable IOException findIoException(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException ioException) {
				return ioException;
			}
		}
		return null;
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

	}

}
