package io.temponest.auth.api;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.SignIn;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, metrics, JWKS, OpenAPI and the web edge (headers, CORS, request id, body cap).
 */
@AuthIntegrationTest
class OperationsIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	private ApiCaller api;

	@BeforeEach
	void setUp() {
		this.api = ApiCaller.anonymous();
	}

	@Test
	void healthWhenDatabaseUpThenHealthyInOriginalShape() {
		MvcTestResult result = this.mvc.perform(this.api.get("/health"));
		assertThat(result).hasStatus(HttpStatus.OK);
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("service").asString()).isEqualTo("auth");
		assertThat(body.get("database").asString()).isEqualTo("connected");
		assertThat(body.has("cache")).isTrue();
		assertThat(this.mvc.perform(this.api.get("/health/"))).hasStatus(HttpStatus.OK);
		assertThat(this.mvc.perform(this.api.get("/actuator/health"))).hasStatus(HttpStatus.OK);
	}

	@Test
	void prometheusWhenScrapedThenPlatformMetricsExported() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		String token = SignIn.accessToken(this.mvc, this.api, user.email(), Fixtures.PASSWORD);
		assertThat(this.mvc.perform(this.api.bearer(token).get("/auth/me"))).hasStatus(HttpStatus.OK);
		MvcTestResult result = this.mvc.perform(this.api.get("/actuator/prometheus"));
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.body(result)).contains("temponest_auth_logins_total{")
			.contains("temponest_auth_tokens_issued_total{")
			.contains("temponest_auth_token_verifications_total{")
			.contains("http_server_requests_seconds");
		for (String alias : new String[] { "/metrics/", "/metrics" }) {
			assertThat(this.mvc.perform(this.api.get(alias))).as(alias).hasForwardedUrl("/actuator/prometheus");
		}
	}

	@Test
	void jwksWhenFetchedThenPublicRsaKeysOnly() {
		MvcTestResult result = this.mvc.perform(this.api.get("/.well-known/jwks.json"));
		assertThat(result).hasStatus(HttpStatus.OK);
		JsonNode key = ApiCaller.json(result).get("keys").get(0);
		assertThat(key.get("kty").asString()).isEqualTo("RSA");
		assertThat(key.get("kid").asString()).isNotBlank();
		assertThat(key.has("n")).isTrue();
		assertThat(key.has("d")).isFalse();
		assertThat(key.has("p")).isFalse();
	}

	@Test
	void openApiWhenFetchedThenDocumentsEndpoints() {
		MvcTestResult result = this.mvc.perform(this.api.get("/v3/api-docs"));
		assertThat(result).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.body(result)).contains("/auth/login").contains("/api-keys/verify").contains("/auth/me");
	}

	@Test
	void responsesWhenAnyThenSecurityHeadersAndRequestId() {
		MvcTestResult result = this.mvc
			.perform(this.api.from(MockMvcRequestBuilders.get("/auth/me").header("X-Request-ID", "trace-42")));
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(result).headers()
			.hasValue("X-Request-ID", "trace-42")
			.hasValue("X-Content-Type-Options", "nosniff")
			.hasValue("X-Frame-Options", "DENY")
			.containsHeader("Strict-Transport-Security")
			.containsHeader("Content-Security-Policy")
			.doesNotContainHeader("X-Powered-By");
		assertThat(ApiCaller.json(result).get("request_id").asString()).isEqualTo("trace-42");
		assertThat(this.mvc.perform(this.api.get("/health"))).headers().containsHeader("X-Request-ID");
	}

	@Test
	void corsWhenOriginAllowedThenEchoedElseNot() {
		MvcTestResult allowed = this.mvc.perform(this.api.from(MockMvcRequestBuilders.options("/auth/login")
			.header("Origin", "http://localhost:3000")
			.header("Access-Control-Request-Method", "POST")));
		assertThat(allowed).headers()
			.hasValue("Access-Control-Allow-Origin", "http://localhost:3000")
			.hasValue("Access-Control-Allow-Credentials", "true");
		MvcTestResult evil = this.mvc.perform(this.api.from(MockMvcRequestBuilders.options("/auth/login")
			.header("Origin", "http://evil.com")
			.header("Access-Control-Request-Method", "POST")));
		assertThat(evil).headers().doesNotContainHeader("Access-Control-Allow-Origin");
	}

	@Test
	void requestWhenBodyOverOneMegabyteThen413() {
		String huge = "{\"email\":\"" + "a".repeat(1_100_000) + "@example.com\",\"password\":\"x\"}";
		MvcTestResult result = this.mvc.perform(this.api.post(huge, "/auth/register"));
		assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(ApiCaller.json(result).get("detail").asString()).isNotBlank();
	}

	@Test
	void routesWhenUnknownOrWrongMethodThenProblem() {
		MvcTestResult unknown = this.mvc.perform(this.api.get("/admin/users"));
		assertThat(unknown.getResponse().getStatus()).isIn(401, 404);
		MvcTestResult method = this.mvc.perform(this.api.request(HttpMethod.PUT, "/auth/login"));
		assertThat(method.getResponse().getStatus()).isIn(401, 405);
		assertThat(ApiCaller.body(method)).doesNotContain("Exception").doesNotContain("at io.temponest");
	}

}
