package io.temponest.testsupport.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.temponest.testsupport.api.OpenApiDocument.ApiOperation;

/**
 * Sends raw requests with {@link HttpClient} (real HTTP, so the servlet container's own
 * answers count).
 */
final class HttpSender {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	HttpSender(URI base) {
		String text = base.toString();
		this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
	}

	/**
	 * Send one request.
	 * @param operation the operation meant, or {@code null}
	 * @param group the report group
	 * @param caseName the case
	 * @param hostile whether the request carries the marker
	 * @param method the method
	 * @param rawPathAndQuery the path and query, already percent-encoded as they go on
	 * the wire
	 * @param headers the headers
	 * @param body the body, or {@code null}
	 * @return the exchange
	 */
	Exchange send(ApiOperation operation, String group, String caseName, boolean hostile, String method,
			String rawPathAndQuery, Map<String, String> headers, byte[] body) {
		long start = System.nanoTime();
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + rawPathAndQuery))
				.timeout(TIMEOUT)
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
			headers.forEach(request::header);
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Exchange(operation, group, caseName, hostile, response.statusCode(), response.headers(),
					new String(response.body(), StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start),
					null);
		}
		catch (IOException | IllegalArgumentException ex) {
			return new Exchange(operation, group, caseName, hostile, -1, null, "",
					Duration.ofNanos(System.nanoTime() - start), ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
