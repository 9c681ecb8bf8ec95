package io.temponest.agents.llm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Asks each provider for its model list ({@code GET /api/tags} on Ollama, {@code GET
 * {base}/models} on OpenAI and Anthropic, with their key headers) within 2 s. Results are
 * not cached here.
 */
public final class ProviderReachability implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final String ANTHROPIC_VERSION = "2023-06-01";

	private final LlmProperties properties;

	private final HttpClient http;

	ProviderReachability(LlmProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
	}

	/**
	 * Whether a provider answers.
	 * @param provider the provider
	 * @return true when it is configured and answered with 2xx
	 */
	public boolean reachable(LlmProvider provider) {
		return check(provider) == Reachability.REACHABLE;
	}

	/**
	 * How a provider stands.
	 * @param provider the provider
	 * @return reachable, unreachable or not configured
	 */
	public Reachability check(LlmProvider provider) {
		HttpRequest.Builder request = probe(provider);
		if (request == null) {
			return Reachability.NOT_CONFIGURED;
		}
		try {
			int status = this.http.send(request.build(), BodyHandlers.discarding()).statusCode();
			return (status >= 200 && status < 300) ? Reachability.REACHABLE : Reachability.UNREACHABLE;
		}
		catch (IOException | IllegalArgumentException ex) {
			return Reachability.UNREACHABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Reachability.UNREACHABLE;
		}
	}

	private HttpRequest.@Nullable Builder probe(LlmProvider provider) {
		LlmProperties.OpenAi openai = this.properties.openai();
		LlmProperties.Anthropic anthropic = this.properties.anthropic();
		return switch (provider) {
			case OLLAMA -> get(this.properties.ollama().baseUrl(), "/api/tags");
			case OPENAI -> configured(openai.apiKey())
					? get(openai.baseUrl(), "/models").header("Authorization", "Bearer " + openai.apiKey()) : null;
			case ANTHROPIC -> configured(anthropic.apiKey())
					? get(anthropic.baseUrl(), "/models").header("x-api-key", anthropic.apiKey())
						.header("anthropic-version", ANTHROPIC_VERSION)
					: null;
		};
	}

	/** Close the connections. */
	@Override
	public void close() {
		this.http.close();
	}

	private static boolean configured(String apiKey) {
		return !apiKey.isBlank();
	}

	private static HttpRequest.Builder get(String baseUrl, String path) {
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
	}

}
