package io.temponest.security.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.temponest.security.testapp.AuthServiceStub;
import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids, security headers, CORS, body cap, trailing slashes and problem answers.
 */
@SecurityWebTest
class WebEdgeIntegrationTests {

	private static final String XSS = "<script>alert('xss')</script>";

	@Autowired
	private MockMvcTester mvc;

	@LocalServerPort
	private int port;

	private final String bearer = "Bearer " + TestTokens.access("agents:read");

	@Test
	void requestWhenWellFormedRequestIdThenReturnedUnchanged() {
		assertThat(this.mvc.get().uri("/public/ping").header(RequestIdFilter.HEADER, "client-42:retry.1")).hasStatusOk()
			.hasHeader(RequestIdFilter.HEADER, "client-42:retry.1");
	}

	@Test
	void requestWhenRequestIdMalformedThenReplacedByUuid() {
		MvcTestResult result = this.mvc.get().uri("/public/ping").header(RequestIdFilter.HEADER, XSS).exchange();
		String returned = result.getResponse().getHeader(RequestIdFilter.HEADER);
		assertThat(returned).isNotEqualTo(XSS);
		assertThat(UUID.fromString(returned)).isNotNull();
	}

	@Test
	void unauthenticatedWhenNoRequestIdThenGeneratedOneOnTheResponseAndInTheProblem() {
		MvcTestResult result = this.mvc.get().uri("/api/me").exchange();
		String requestId = result.getResponse().getHeader(RequestIdFilter.HEADER);
		assertThat(UUID.fromString(requestId)).isNotNull();
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.extractingPath("$.request_id")
			.isEqualTo(requestId);
	}

	@Test
	void outgoingCallWhenRequestHasIdThenForwarded() {
		WireMockServer downstream = AuthServiceStub.server();
		downstream.stubFor(get("/downstream").willReturn(aResponse().withStatus(204)));
		String requestId = "forward-" + UUID.randomUUID();
		assertThat(this.mvc.get()
			.uri("/api/downstream")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.header(RequestIdFilter.HEADER, requestId)).hasStatusOk();
		downstream.verify(1,
				getRequestedFor(urlEqualTo("/downstream")).withHeader(RequestIdFilter.HEADER, equalTo(requestId)));
	}

	@Test
	void responsesWhenOkOrUnauthorizedThenCarrySecurityHeaders() {
		for (MvcTestResult result : new MvcTestResult[] { this.mvc.get().uri("/public/ping").exchange(),
				this.mvc.get().uri("/api/me").exchange(),
				this.mvc.get().uri("/api/nowhere").header(HttpHeaders.AUTHORIZATION, this.bearer).exchange() }) {
			assertThat(result).hasHeader("X-Content-Type-Options", "nosniff")
				.hasHeader("X-Frame-Options", "DENY")
				.hasHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
				.hasHeader("Referrer-Policy", "no-referrer")
				.hasHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'")
				.doesNotContainHeader("X-Powered-By");
		}
	}

	@Test
	void preflightWhenOriginAllowedThenCorsHeadersWithoutWildcard() {
		assertThat(this.mvc.options()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, "https://app.example.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, X-API-Key")).hasStatusOk()
			.hasHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com")
			.hasHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
			.hasHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
	}

	@Test
	void preflightWhenOriginEvilThenNoAllowOrigin() {
		assertThat(this.mvc.options()
			.uri("/api/me")
			.header(HttpHeaders.ORIGIN, "http://evil.com")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")).hasStatus4xxClientError()
			.doesNotContainHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void uploadWhenContentLengthAboveLimitThen413() {
		assertThat(this.mvc.post()
			.uri("/api/upload")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.TEXT_PLAIN)
			.content("x".repeat(2048))).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{\"status\": 413, \"service\": \"test-service\"}");
	}

	@Test
	void uploadWhenWithinLimitThen200() {
		assertThat(this.mvc.post()
			.uri("/api/upload")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.TEXT_PLAIN)
			.content("x".repeat(1000))).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"length\": 1000}");
	}

	@Test
	void uploadWhenChunkedBodyGrowsAboveLimitThen413() throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/upload"))
				.header(HttpHeaders.AUTHORIZATION, this.bearer)
				.header(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_PLAIN_VALUE)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4096])))
				.build();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(413);
			assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
				.hasValueSatisfying((type) -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
			assertThat(response.body()).contains("\"detail\"");
		}
	}

	@Test
	void requestWhenRejectedBeforeSpringMvcThenErrorPageAnswersWithProblem() throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/me;jsessionid=" + UUID.randomUUID()))
				.header(HttpHeaders.AUTHORIZATION, this.bearer)
				.header(RequestIdFilter.HEADER, "rejected-1")
				.GET()
				.build();
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
				.hasValueSatisfying((type) -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
			assertThat(response.body()).contains("\"detail\":\"Bad Request\"")
				.contains("\"request_id\":\"rejected-1\"")
				.contains("\"service\":\"test-service\"");
		}
	}

	@Test
	void pathWhenNulOrEncodedSlashOrOverlongThenProblemInsteadOfContainerPage() throws Exception {
		String overlong = "/api/items?page=1&filler=" + "zq7marker".repeat(1000);
		for (String target : List.of("/api/items%00zq7marker", "/api/zq7marker%2Fitems", "/api/%2e%2e/zq7marker",
				overlong)) {
			HttpResponse<String> response = send(target);
			assertThat(response.statusCode()).as(target).isBetween(400, 499);
			assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).as(target)
				.hasValueSatisfying((type) -> assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
			assertThat(response.body()).as(target)
				.contains("\"detail\":")
				.contains("\"service\":\"test-service\"")
				.doesNotContain("zq7marker");
		}
	}

	@Test
	void problemWhenPathIsClientInputThenInstanceNamesTheRequestNotThePath() {
		MvcTestResult result = this.mvc.get()
			.uri("/api/zq7marker-unknown")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.header(RequestIdFilter.HEADER, "req-42")
			.exchange();
		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).bodyText().doesNotContain("zq7marker");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("urn:request:req-42");
	}

	@Test
	void errorPathWhenRequestedDirectlyThen404Problem() throws Exception {
		for (String target : List.of("/error", "/error/")) {
			HttpResponse<String> response = send(target);
			assertThat(response.statusCode()).as(target).isEqualTo(404);
			assertThat(response.body()).as(target).contains("\"detail\":\"Not Found\"");
		}
	}

	@Test
	void valueWhenDatabaseCannotStoreItThen422WithoutEcho() {
		assertThat(this.mvc.post()
			.uri("/api/store")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"zq7marker\":\"a\\u0000zq7marker\"}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyText()
			.contains("\"detail\":\"Request validation failed\"")
			.doesNotContain("zq7marker");
		assertThat(this.mvc.get()
			.uri("/api/lookup?name={name}", "zq7marker\u0000")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyText()
			.doesNotContain("zq7marker");
	}

	private HttpResponse<String> send(String target) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + target))
				.header(HttpHeaders.AUTHORIZATION, this.bearer)
				.GET()
				.build();
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	@Test
	void echoWhenJsonMalformedThen422WithoutEcho() {
		assertThat(this.mvc.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + XSS + "\", ")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.doesNotContain("<script>")
			.doesNotContain("alert(")
			.contains("\"errors\"");
	}

	@Test
	void echoWhenFieldsInvalidThen422ListingFieldsWithoutValues() {
		assertThat(this.mvc.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + XSS + XSS + "\", \"count\": 0}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"status": 422, "detail": "Request validation failed", "service": "test-service",
					 "errors": [{"field": "count"}, {"field": "name"}]}
					""");
		assertThat(this.mvc.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"" + XSS + XSS + "\", \"count\": 0}")).bodyText().doesNotContain("<script>");
	}

	@Test
	void echoWhenValueOfWrongTypeThen422NamingTheField() {
		assertThat(this.mvc.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"ok\", \"count\": \"" + XSS + "\"}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.isLenientlyEqualTo("{\"errors\": [{\"field\": \"count\"}]}");
	}

	@Test
	void echoWhenBodyMissingThen422() {
		assertThat(this.mvc.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_JSON)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.isLenientlyEqualTo("{\"errors\": [{\"field\": \"body\", \"message\": \"Request body is missing\"}]}");
	}

	@Test
	void echoWhenXmlThen415() {
		assertThat(this.mvc.post()
			.uri("/api/echo")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.contentType(MediaType.APPLICATION_XML)
			.content("<name>" + XSS + "</name>")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.bodyJson()
			.isLenientlyEqualTo("{\"detail\": \"Unsupported Media Type\"}");
	}

	@Test
	void itemsWhenParameterMissingOrMistypedThen422() {
		assertThat(this.mvc.get().uri("/api/items").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.isLenientlyEqualTo("{\"errors\": [{\"field\": \"page\", \"message\": \"is required\"}]}");
		assertThat(this.mvc.get().uri("/api/items?page={page}", XSS).header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyText()
			.contains("\"field\":\"page\"")
			.doesNotContain("<script>");
	}

	@Test
	void itemsWhenParameterViolatesConstraintThen422NamingIt() {
		assertThat(this.mvc.get().uri("/api/items?page=0").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.isLenientlyEqualTo("{\"detail\": \"Request validation failed\", \"errors\": [{\"field\": \"page\"}]}");
	}

	@Test
	void unknownRouteWhenAuthenticatedThen404NotFound() {
		assertThat(this.mvc.get().uri("/api/nowhere").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("{\"status\": 404, \"detail\": \"Not Found\", \"service\": \"test-service\"}");
	}

	@Test
	void wrongMethodThen405WithAllow() {
		assertThat(this.mvc.delete().uri("/api/me").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
			.hasHeader(HttpHeaders.ALLOW, "GET")
			.bodyJson()
			.isLenientlyEqualTo("{\"detail\": \"Method Not Allowed\"}");
	}

	@Test
	void responseStatusExceptionThenStatusAndDetailKept() {
		assertThat(this.mvc.get().uri("/api/conflict").header(HttpHeaders.AUTHORIZATION, this.bearer))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.isLenientlyEqualTo("{\"status\": 409, \"detail\": \"Agent is already running\"}");
	}

	@Test
	void unexpectedExceptionThen500WithoutItsMessage() {
		assertThat(this.mvc.get()
			.uri("/api/boom")
			.header(HttpHeaders.AUTHORIZATION, this.bearer)
			.header(RequestIdFilter.HEADER, "boom-1")).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.bodyText()
			.contains("\"detail\":\"Internal server error\"")
			.contains("\"request_id\":\"boom-1\"")
			.doesNotContain("hunter2")
			.doesNotContain("db-internal");
	}

	@Test
	void pathWithTrailingSlashThenServedLikeWithout() {
		assertThat(this.mvc.get().uri("/api-keys/").header(HttpHeaders.AUTHORIZATION, this.bearer)).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("[\"key-1\"]");
		assertThat(this.mvc.get().uri("/api-keys/")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void publicPathWhenNoCredentialsThen200() {
		assertThat(this.mvc.get().uri("/public/ping")).hasStatusOk();
	}

}
