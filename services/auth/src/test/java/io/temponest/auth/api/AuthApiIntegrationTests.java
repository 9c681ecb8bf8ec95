package io.temponest.auth.api;

import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /auth/login}, {@code /auth/refresh}, {@code /auth/logout} and {@code /auth/me}
 * over HTTP.
 */
@AuthIntegrationTest
class AuthApiIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	private Api api;

	private Fixtures.User viewer;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.viewer = this.fixtures.user(this.fixtures.tenant(), "viewer");
	}

	@Test
	void loginWhenCredentialsRightThenTokenResponse() {
		MvcTestResult result = this.api.post("/auth/login", login(this.viewer.email(), Fixtures.PASSWORD));
		assertThat(result).hasStatus(HttpStatus.OK).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		JsonNode body = Api.json(result);
		assertThat(body.get("token_type").asString()).isEqualTo("bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
		assertThat(body.get("access_token").asString()).isNotBlank();
		assertThat(body.get("refresh_token").asString()).isNotBlank();
		assertThat(body.get("user_id").asString()).isEqualTo(this.viewer.id().toString());
		assertThat(body.get("tenant_id").asString()).isEqualTo(this.viewer.tenantId().toString());
		assertThat(Api.body(result)).doesNotContain(Fixtures.PASSWORD);
	}

	@Test
	void loginWhenPasswordWrongOrEmailUnknownThenSame401() {
		MvcTestResult wrong = this.api.post("/auth/login", login(this.viewer.email(), "Wrong-Password-123"));
		MvcTestResult unknown = this.api.post("/auth/login", login(Fixtures.email("nobody"), "Wrong-Password-123"));
		for (MvcTestResult result : new MvcTestResult[] { wrong, unknown }) {
			assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(Api.json(result).get("detail").asString()).isEqualTo("Incorrect email or password");
		}
	}

	@Test
	void loginWhenUserInactiveThen403AfterRightPasswordOnly() {
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", this.viewer.id())
			.update();
		MvcTestResult right = this.api.post("/auth/login", login(this.viewer.email(), Fixtures.PASSWORD));
		assertThat(right).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(Api.json(right).get("detail").asString()).isEqualTo("User account is inactive");
		assertThat(this.api.post("/auth/login", login(this.viewer.email(), "Wrong-Password-123")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void loginWhenBodyInvalidThen4xxProblemWithoutEcho() {
		String[] bodies = { "{\"email\":\"not-an-email\",\"password\":\"x\"}", "{\"email\":\"a@example.com\"}",
				"{\"email\": 123, \"password\": []}", "{\"email\":{\"$gt\":\"\"},\"password\":\"x\"}", "{not json",
				"{\"email\":\"<script>alert(1)</script>@example.com\",\"password\":\"x\"}",
				"{\"email\":\"admin' OR '1'='1\",\"password\":\"' OR 1=1; DROP TABLE auth.users; --\"}" };
		for (String body : bodies) {
			MvcTestResult result = this.api.post("/auth/login", body);
			assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(Api.json(result).get("detail").asString()).isNotBlank();
			assertThat(Api.body(result)).doesNotContain("<script>").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void loginWhenSqlMetacharactersInPasswordThen401() {
		MvcTestResult result = this.api.post("/auth/login",
				login(this.viewer.email(), "' OR '1'='1' --; DROP TABLE auth.users; %"));
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void loginWhenXmlThen415() {
		MvcTestResult result = this.api.send(MockMvcRequestBuilders.post("/auth/login")
			.contentType(MediaType.APPLICATION_XML)
			.content("<login><email>a@example.com</email></login>"), null);
		assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void loginWhenSixthAttemptInAMinuteThen429WithHeaders() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.post("/auth/login", login(this.viewer.email(), "Wrong-Password-" + i)))
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}
		MvcTestResult limited = this.api.post("/auth/login", login(this.viewer.email(), Fixtures.PASSWORD));
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
		assertThat(limited).headers().hasValue("X-RateLimit-Limit", "5").hasValue("X-RateLimit-Remaining", "0");
		assertThat(Api.json(limited).get("detail").asString()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
		assertThat(Api.json(limited).get("error").asString()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
		assertThat(Api.json(limited).get("service").asString()).as("rendered like every other problem")
			.isEqualTo("auth");
		assertThat(Api.json(limited).get("request_id").asString())
			.isEqualTo(limited.getResponse().getHeader("X-Request-ID"));
		assertThat(Api.json(limited).get("instance").asString()).startsWith("urn:request:");
		assertThat(new Api(this.mvc).post("/auth/login", login(this.viewer.email(), Fixtures.PASSWORD)))
			.as("another client has its own bucket")
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void loginWhenRejectedAsInvalidInputThenNoQuotaUsed() {
		for (int i = 0; i < 8; i++) {
			assertThat(this.api.post("/auth/login", "{\"email\":\"not-an-email\",\"password\":\"x\"}"))
				.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		}
		assertThat(this.api.post("/auth/login", login(this.viewer.email(), Fixtures.PASSWORD)))
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void loginWhenTrailingSlashThenSameRoute() {
		assertThat(this.api.post("/auth/login/", login(this.viewer.email(), Fixtures.PASSWORD)))
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void meWhenSignedInThenUserWithTenant() {
		String token = this.api.accessToken(this.viewer.email(), Fixtures.PASSWORD);
		MvcTestResult result = this.api.get("/auth/me", token);
		assertThat(result).hasStatus(HttpStatus.OK);
		JsonNode body = Api.json(result);
		assertThat(body.get("id").asString()).isEqualTo(this.viewer.id().toString());
		assertThat(body.get("user_id").asString()).isEqualTo(this.viewer.id().toString());
		assertThat(body.get("tenant_id").asString()).isEqualTo(this.viewer.tenantId().toString());
		assertThat(body.get("roles").toString()).contains("viewer");
		assertThat(body.get("permissions").toString()).contains("agents:read").doesNotContain("delete");
	}

	@Test
	void meWhenNoOrBadCredentialsThen401WithChallenge() {
		MvcTestResult missing = this.api.get("/auth/me", null);
		assertThat(missing).hasStatus(HttpStatus.UNAUTHORIZED).containsHeader("WWW-Authenticate");
		assertThat(Api.json(missing).get("detail").asString()).isEqualTo("Missing authentication credentials");
		MvcTestResult invalid = this.api.get("/auth/me", "invalid.token.here");
		assertThat(invalid).hasStatus(HttpStatus.UNAUTHORIZED).containsHeader("WWW-Authenticate");
		assertThat(Api.json(invalid).get("detail").asString()).isEqualTo("Invalid authentication credentials");
	}

	@Test
	void meWhenRefreshTokenPresentedAsAccessTokenThen401() {
		String refresh = this.api.login(this.viewer.email(), Fixtures.PASSWORD).get("refresh_token").asString();
		assertThat(this.api.get("/auth/me", refresh)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void meWhenUserDeactivatedAfterLoginThen403() {
		String token = this.api.accessToken(this.viewer.email(), Fixtures.PASSWORD);
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", this.viewer.id())
			.update();
		assertThat(this.api.get("/auth/me", token)).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void refreshWhenValidThenRotatedPairAndOldTokenDeadOnceSuccessorUsed() {
		JsonNode first = this.api.login(this.viewer.email(), Fixtures.PASSWORD);
		String oldRefresh = first.get("refresh_token").asString();
		MvcTestResult rotated = this.api.post("/auth/refresh", refresh(oldRefresh));
		assertThat(rotated).hasStatus(HttpStatus.OK);
		JsonNode second = Api.json(rotated);
		assertThat(second.get("refresh_token").asString()).isNotEqualTo(oldRefresh);
		assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
		assertThat(this.api.get("/auth/me", second.get("access_token").asString())).hasStatus(HttpStatus.OK);

		MvcTestResult retried = this.api.post("/auth/refresh", refresh(oldRefresh));
		assertThat(retried).as("a lost response: the old token within the grace period gets the same successor")
			.hasStatus(HttpStatus.OK);
		assertThat(Api.json(retried).get("refresh_token").asString()).isEqualTo(second.get("refresh_token").asString());
		MvcTestResult third = this.api.post("/auth/refresh", refresh(second.get("refresh_token").asString()));
		assertThat(third).hasStatus(HttpStatus.OK);

		MvcTestResult reused = this.api.post("/auth/refresh", refresh(oldRefresh));
		assertThat(reused).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(Api.json(reused).get("detail").asString()).isEqualTo("Invalid refresh token");
		assertThat(this.api.post("/auth/refresh", refresh(Api.json(third).get("refresh_token").asString())))
			.as("reuse of a rotated token revokes its whole family")
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void refreshWhenTokenInvalidThen401And422ForMissing() {
		String access = this.api.accessToken(this.viewer.email(), Fixtures.PASSWORD);
		assertThat(this.api.post("/auth/refresh", refresh(access))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.post("/auth/refresh", refresh("invalid.token.here"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.post("/auth/refresh", refresh("' OR 1=1 --"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.post("/auth/refresh", "{}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void logoutWhenSignedInThenAccessAndRefreshRevoked() {
		JsonNode pair = this.api.login(this.viewer.email(), Fixtures.PASSWORD);
		String access = pair.get("access_token").asString();
		MvcTestResult result = this.api.post("/auth/logout", refresh(pair.get("refresh_token").asString()), access);
		assertThat(result).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.get("/auth/me", access)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.post("/auth/refresh", refresh(pair.get("refresh_token").asString())))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.fixtures.auditCount("logout", this.viewer.id())).isEqualTo(1);
	}

	@Test
	void logoutWhenNoBodyThenAccessTokenRevoked() {
		String access = this.api.accessToken(this.viewer.email(), Fixtures.PASSWORD);
		assertThat(this.api.call(HttpMethod.POST, "/auth/logout", access)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.get("/auth/me", access)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void logoutWhenRefreshTokenIsGarbageThenAccessTokenStillRevoked() {
		String access = this.api.accessToken(this.viewer.email(), Fixtures.PASSWORD);
		assertThat(this.api.post("/auth/logout", refresh("' OR 1=1; DROP TABLE auth.refresh_tokens; --"), access))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.get("/auth/me", access)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void logoutWhenUnauthenticatedThen401() {
		assertThat(this.api.post("/auth/logout", "{}")).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	static String login(String email, String password) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + password.replace("\"", "\\\"") + "\"}";
	}

	static String refresh(String token) {
		return "{\"refresh_token\":\"" + token + "\"}";
	}

}
