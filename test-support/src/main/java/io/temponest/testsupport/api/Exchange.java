package io.temponest.testsupport.api;

import java.net.http.HttpHeaders;
import java.time.Duration;

import io.temponest.testsupport.api.OpenApiDocument.ApiOperation;

/**
 * One request and its response, as the harness and the contract see it.
 *
 * @param operation the documented operation the request was meant for, or {@code null}
 * for requests outside the document (unknown routes, URL-level cases)
 * @param group what the failure report groups it under (operation or {@code URL})
 * @param caseName what was sent, e.g. {@code body.name: nul}
 * @param hostile whether the request carries the marker (an echo of it is checked)
 * @param status the status, or {@code -1} when no answer came
 * @param headers the response headers, or {@code null}
 * @param body the response body (empty when none)
 * @param elapsed the time until the whole response was read
 * @param error what went wrong when no answer came, else {@code null}
 */
public record Exchange(ApiOperation operation, String group, String caseName, boolean hostile, int status,
		HttpHeaders headers, String body, Duration elapsed, String error) {

	/**
	 * The response's media type.
	 * @return the {@code Content-Type}, or {@code null}
	 */
	public String contentType() {
		return (this.headers != null) ? this.headers.firstValue("Content-Type").orElse(null) : null;
	}

}
