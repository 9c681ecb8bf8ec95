package io.temponest.agents;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.jspecify.annotations.Nullable;

/**
 * WireMock stubs that speak the providers' real wire formats: Ollama {@code /api/chat}
 * (JSON and NDJSON streams), OpenAI {@code /v1/chat/completions} (JSON and SSE with a
 * usage chunk) and Anthropic {@code /v1/messages} (JSON and SSE events), each with token
 * usage. Tests share one server: answer and stream stubs match the requested model, and
 * the stubs of {@link #onPrompt(String)} also a marker in the prompt (failure and raw
 * stubs match only the path and that marker, so scope them).
 */
public final class ProviderStubs {

	/** Ollama's chat path. */
	public static final String OLLAMA_CHAT = "/api/chat";

	/** OpenAI's chat path under the {@code /v1} base. */
	public static final String OPENAI_CHAT = "/v1/chat/completions";

	/** Anthropic's messages path under the {@code /v1} base. */
	public static final String ANTHROPIC_MESSAGES = "/v1/messages";

	private static final int STREAM_PRIORITY = 3;

	private static final int ANSWER_PRIORITY = 5;

	private static final int FAILURE_PRIORITY = 1;

	private final @Nullable String marker;

	private ProviderStubs(@Nullable String marker) {
		this.marker = marker;
	}

	/**
	 * Stubs that also require {@code marker} in the request body (put it in the user
	 * message).
	 * @param marker a text unique to the test
	 * @return the stubs
	 */
	public static ProviderStubs onPrompt(String marker) {
		return new ProviderStubs(marker);
	}

	/**
	 * Ollama answers {@code model} (non-streaming) with {@code text}.
	 * @param server the server
	 * @param model the model requested
	 * @param text the answer
	 * @param promptTokens {@code prompt_eval_count}
	 * @param completionTokens {@code eval_count}
	 * @return the stub
	 */
	public static StubMapping ollamaAnswers(WireMockServer server, String model, String text, int promptTokens,
			int completionTokens) {
		return new ProviderStubs(null).ollamaAnswer(server, model, text, promptTokens, completionTokens);
	}

	/**
	 * Ollama streams {@code model}'s answer in NDJSON, one line per chunk, then a final
	 * line with usage (12 prompt tokens, one completion token per chunk).
	 * @param server the server
	 * @param model the model requested
	 * @param chunks the pieces of text
	 * @return the stub
	 */
	public static StubMapping ollamaStreams(WireMockServer server, String model, List<String> chunks) {
		return new ProviderStubs(null).ollamaStream(server, model, chunks, 12, chunks.size());
	}

	/**
	 * OpenAI answers {@code model} (non-streaming) with {@code text}.
	 * @param server the server
	 * @param model the model requested
	 * @param text the answer
	 * @param promptTokens {@code usage.prompt_tokens}
	 * @param completionTokens {@code usage.completion_tokens}
	 * @return the stub
	 */
	public static StubMapping openAiAnswers(WireMockServer server, String model, String text, int promptTokens,
			int completionTokens) {
		return new ProviderStubs(null).openAiAnswer(server, model, text, promptTokens, completionTokens);
	}

	/**
	 * OpenAI streams {@code model}'s answer as SSE chunks, then a usage chunk and
	 * {@code [DONE]} (12 prompt tokens, one completion token per chunk).
	 * @param server the server
	 * @param model the model requested
	 * @param chunks the pieces of text
	 * @return the stub
	 */
	public static StubMapping openAiStreams(WireMockServer server, String model, List<String> chunks) {
		return new ProviderStubs(null).openAiStream(server, model, chunks, 12, chunks.size());
	}

	/**
	 * Anthropic answers {@code model} (non-streaming) with {@code text}.
	 * @param server the server
	 * @param model the model requested
	 * @param text the answer
	 * @param promptTokens {@code usage.input_tokens}
	 * @param completionTokens {@code usage.output_tokens}
	 * @return the stub
	 */
	public static StubMapping anthropicAnswers(WireMockServer server, String model, String text, int promptTokens,
			int completionTokens) {
		return new ProviderStubs(null).anthropicAnswer(server, model, text, promptTokens, completionTokens);
	}

	/**
	 * Anthropic streams {@code model}'s answer as SSE events from {@code message_start}
	 * to {@code message_stop} (12 prompt tokens, one completion token per chunk).
	 * @param server the server
	 * @param model the model requested
	 * @param chunks the pieces of text
	 * @return the stub
	 */
	public static StubMapping anthropicStreams(WireMockServer server, String model, List<String> chunks) {
		return new ProviderStubs(null).anthropicStream(server, model, chunks, 12, chunks.size());
	}

	/**
	 * Every POST to {@code path} fails with {@code status} and a provider-style error
	 * body. Unscoped: use only on a server of its own, else {@link #onPrompt(String)}.
	 * @param server the server
	 * @param path the request path
	 * @param status the status
	 * @return the stub
	 */
	public static StubMapping failsWith(WireMockServer server, String path, int status) {
		return new ProviderStubs(null).failure(server, path, status, null);
	}

	/**
	 * Like {@link #ollamaAnswers}, for requests carrying this marker.
	 * @param server the server
	 * @param model the model requested
	 * @param text the answer
	 * @param promptTokens {@code prompt_eval_count}
	 * @param completionTokens {@code eval_count}
	 * @return the stub
	 */
	public StubMapping ollamaAnswer(WireMockServer server, String model, String text, int promptTokens,
			int completionTokens) {
		String body = """
				{"model":%s,"created_at":"2026-01-05T10:15:30.123456Z",\
				"message":{"role":"assistant","content":%s},"done":true,"done_reason":"stop",\
				"total_duration":5191566416,"load_duration":2154458,"prompt_eval_count":%d,\
				"prompt_eval_duration":383809000,"eval_count":%d,"eval_duration":4799921000}""".formatted(json(model),
				json(text), promptTokens, completionTokens);
		return server.stubFor(request(OLLAMA_CHAT, model).atPriority(ANSWER_PRIORITY)
			.willReturn(WireMock.okForContentType("application/json", body)));
	}

	/**
	 * Like {@link #ollamaStreams}, for requests carrying this marker.
	 * @param server the server
	 * @param model the model requested
	 * @param chunks the pieces of text
	 * @param promptTokens {@code prompt_eval_count} of the final line
	 * @param completionTokens {@code eval_count} of the final line
	 * @return the stub
	 */
	public StubMapping ollamaStream(WireMockServer server, String model, List<String> chunks, int promptTokens,
			int completionTokens) {
		StringBuilder body = new StringBuilder();
		for (String chunk : chunks) {
			body.append("""
					{"model":%s,"created_at":"2026-01-05T10:15:30.123456Z",\
					"message":{"role":"assistant","content":%s},"done":false}
					""".formatted(json(model), json(chunk)));
		}
		body.append("""
				{"model":%s,"created_at":"2026-01-05T10:15:31.123456Z",\
				"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop",\
				"total_duration":4883583458,"load_duration":1334875,"prompt_eval_count":%d,\
				"prompt_eval_duration":342546000,"eval_count":%d,"eval_duration":4535599000}
				""".formatted(json(model), promptTokens, completionTokens));
		return server.stubFor(streamRequest(OLLAMA_CHAT, model).atPriority(STREAM_PRIORITY)
			.willReturn(WireMock.okForContentType("application/x-ndjson", body.toString())));
	}

	/**
	 * Like {@link #openAiAnswers}, for requests carrying this marker.
	 * @param server the server
	 * @param model the model requested
	 * @param text the answer
	 * @param promptTokens {@code usage.prompt_tokens}
	 * @param completionTokens {@code usage.completion_tokens}
	 * @return the stub
	 */
	public StubMapping openAiAnswer(WireMockServer server, String model, String text, int promptTokens,
			int completionTokens) {
		String body = """
				{"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,\
				"model":%s,"choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null,\
				"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":%d,\
				"completion_tokens":%d,"total_tokens":%d,"prompt_tokens_details":{"cached_tokens":0,\
				"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,\
				"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default",\
				"system_fingerprint":"fp_f5bdcc3276"}""".formatted(json(model), json(text), promptTokens,
				completionTokens, promptTokens + completionTokens);
		return server.stubFor(request(OPENAI_CHAT, model).atPriority(ANSWER_PRIORITY)
			.willReturn(WireMock.okForContentType("application/json", body)));
	}

	/**
	 * Like {@link #openAiStreams}, for requests carrying this marker.
	 * @param server the server
	 * @param model the model requested
	 * @param chunks the pieces of text
	 * @param promptTokens {@code usage.prompt_tokens} of the usage chunk
	 * @param completionTokens {@code usage.completion_tokens} of the usage chunk
	 * @return the stub
	 */
	public StubMapping openAiStream(WireMockServer server, String model, List<String> chunks, int promptTokens,
			int completionTokens) {
		String head = "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\",\"created\":1694268190,"
				+ "\"model\":" + json(model) + ",\"system_fingerprint\":\"fp_44709d6fcb\",";
		List<String> events = new ArrayList<>();
		events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\","
				+ "\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
		for (String chunk : chunks) {
			events.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + json(chunk)
					+ "},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}");
		}
		events.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
				+ "\"usage\":null}");
		events.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
				+ completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}");
		events.add("[DONE]");
		StringBuilder body = new StringBuilder();
		events.forEach((event) -> body.append("data: ").append(event).append("\n\n"));
		return server.stubFor(streamRequest(OPENAI_CHAT, model).atPriority(STREAM_PRIORITY)
			.willReturn(WireMock.okForContentType("text/event-stream", body.toString())));
	}

	/**
	 * Like {@link #anthropicAnswers}, for requests carrying this marker.
	 * @param server the server
	 * @param model the model requested
	 * @param text the answer
	 * @param promptTokens {@code usage.input_tokens}
	 * @param completionTokens {@code usage.output_tokens}
	 * @return the stub
	 */
	public StubMapping anthropicAnswer(WireMockServer server, String model, String text, int promptTokens,
			int completionTokens) {
		String body = """
				{"id":"msg_013Zva2CMHLNnXjNJJKqJ2EF","type":"message","role":"assistant","model":%s,\
				"content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,\
				"usage":{"input_tokens":%d,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,\
				"output_tokens":%d}}""".formatted(json(model), json(text), promptTokens, completionTokens);
		return server.stubFor(request(ANTHROPIC_MESSAGES, model).atPriority(ANSWER_PRIORITY)
			.willReturn(WireMock.okForContentType("application/json", body)));
	}

	/**
	 * Like {@link #anthropicStreams}, for requests carrying this marker.
	 * @param server the server
	 * @param model the model requested
	 * @param chunks the pieces of text
	 * @param promptTokens {@code input_tokens} of {@code message_start}
	 * @param completionTokens {@code output_tokens} of {@code message_delta}
	 * @return the stub
	 */
	public StubMapping anthropicStream(WireMockServer server, String model, List<String> chunks, int promptTokens,
			int completionTokens) {
		StringBuilder body = new StringBuilder();
		event(body, "message_start",
				"{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\","
						+ "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":" + json(model)
						+ ",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + promptTokens
						+ ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");
		event(body, "content_block_start",
				"{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
		event(body, "ping", "{\"type\": \"ping\"}");
		for (String chunk : chunks) {
			event(body, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
					+ "\"delta\":{\"type\":\"text_delta\",\"text\":" + json(chunk) + "}}");
		}
		event(body, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
		event(body, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
				+ "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + completionTokens + "}}");
		event(body, "message_stop", "{\"type\":\"message_stop\"}");
		return server.stubFor(streamRequest(ANTHROPIC_MESSAGES, model).atPriority(STREAM_PRIORITY)
			.willReturn(WireMock.okForContentType("text/event-stream", body.toString())));
	}

	/**
	 * Every POST to {@code path} carrying this marker fails with {@code status}.
	 * @param server the server
	 * @param path the request path
	 * @param status the status
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @return the stub
	 */
	public StubMapping failure(WireMockServer server, String path, int status, @Nullable String retryAfter) {
		return server.stubFor(scoped(WireMock.post(WireMock.urlPathEqualTo(path))).atPriority(FAILURE_PRIORITY)
			.willReturn(error(path, status, retryAfter)));
	}

	/**
	 * The first POST to {@code path} carrying this marker fails with {@code status};
	 * later ones fall through to the other stubs.
	 * @param server the server
	 * @param path the request path
	 * @param status the status
	 * @param retryAfter the {@code Retry-After} header, if any
	 * @return the stub
	 */
	public StubMapping failureOnce(WireMockServer server, String path, int status, @Nullable String retryAfter) {
		String scenario = "fails-once-" + UUID.randomUUID();
		return server.stubFor(scoped(WireMock.post(WireMock.urlPathEqualTo(path))).atPriority(FAILURE_PRIORITY)
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("failed")
			.willReturn(error(path, status, retryAfter)));
	}

	/**
	 * Every POST to {@code path} carrying this marker answers 200 with {@code body}.
	 * @param server the server
	 * @param path the request path
	 * @param contentType the content type
	 * @param body the raw body, e.g. malformed JSON
	 * @return the stub
	 */
	public StubMapping raw(WireMockServer server, String path, String contentType, String body) {
		return server.stubFor(scoped(WireMock.post(WireMock.urlPathEqualTo(path))).atPriority(FAILURE_PRIORITY)
			.willReturn(WireMock.okForContentType(contentType, body)));
	}

	private MappingBuilder request(String path, String model) {
		return scoped(WireMock.post(WireMock.urlPathEqualTo(path))
			.withRequestBody(WireMock.matchingJsonPath("$.model", WireMock.equalTo(model))));
	}

	private MappingBuilder streamRequest(String path, String model) {
		return request(path, model).withRequestBody(WireMock.matchingJsonPath("$.stream", WireMock.equalTo("true")));
	}

	private MappingBuilder scoped(MappingBuilder builder) {
		return (this.marker != null) ? builder.withRequestBody(WireMock.containing(this.marker)) : builder;
	}

	private static ResponseDefinitionBuilder error(String path, int status, @Nullable String retryAfter) {
		String body = switch (path) {
			case OLLAMA_CHAT -> "{\"error\":\"model is overloaded, please try again later\"}";
			case ANTHROPIC_MESSAGES -> "{\"type\":\"error\",\"error\":{\"type\":\"" + anthropicType(status)
					+ "\",\"message\":\"Request failed with status " + status + "\"}}";
			default -> "{\"error\":{\"message\":\"Request failed with status " + status + "\",\"type\":\""
					+ (status == 429 ? "requests" : "invalid_request_error") + "\",\"param\":null,\"code\":null}}";
		};
		ResponseDefinitionBuilder response = WireMock.aResponse()
			.withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(body);
		return (retryAfter != null) ? response.withHeader("Retry-After", retryAfter) : response;
	}

	private static String anthropicType(int status) {
		return switch (status) {
			case 400 -> "invalid_request_error";
			case 401 -> "authentication_error";
			case 429 -> "rate_limit_error";
			case 529 -> "overloaded_error";
			default -> "api_error";
		};
	}

	private static void event(StringBuilder body, String name, String data) {
		body.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
	}

	private static String json(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
