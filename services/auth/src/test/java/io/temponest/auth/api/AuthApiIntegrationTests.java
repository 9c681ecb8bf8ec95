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

	private ApiCaller api;

	private Fixtures.User viewer;

	@BeforeEach
	void setUp() {
		this.api = ApiCaller.anonymous();
		this.viewer = this.fixtures.user(this.fixtures.tenant(), "viewer");
	}

	@Test
	void loginWhenCredentialsRightThenTokenResponse() {
		MvcTestResult result = this.mvc
			.perform(this.api.post(login(this.viewer.email(), Fixtures.PASSWORD), "/auth/login"));
		assertThat(result).hasStatus(HttpStatus.OK).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("token_type").asString()).isEqualTo("bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
		assertThat(body.get("access_token").asString()).isNotBlank();
		assertThat(body.get("refresh_token").asString()).isNotBlank();
		assertThat(body.get("user_id").asString()).isEqualTo(this.viewer.id().toString());
		assertThat(body.get("tenant_id").asString()).isEqualTo(this.viewer.tenantId().toString());
		assertThat(ApiCaller.body(result)).doesNotContain(Fixtures.PASSWORD);
	}

	@Test
	void loginWhenPasswordWrongOrEmailUnknownThenSame401() {
		MvcTestResult wrong = this.mvc
			.perform(this.api.post(login(this.viewer.email(), "Wrong-Password-123"), "/auth/login"));
		MvcTestResult unknown = this.mvc
			.perform(this.api.post(login(Fixtures.email("nobody"), "Wrong-Password-123"), "/auth/login"));
		for (MvcTestResult result : new MvcTestResult[] { wrong, unknown }) {
			assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(ApiCaller.json(result).get("detail").asString()).isEqualTo("Incorrect email or password");
		}
	}

	@Test
	void loginWhenUserInactiveThen403AfterRightPasswordOnly() {
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", this.viewer.id())
			.update();
		MvcTestResult right = this.mvc
			.perform(this.api.post(login(this.viewer.email(), Fixtures.PASSWORD), "/auth/login"));
		assertThat(right).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(ApiCaller.json(right).get("detail").asString()).isEqualTo("User account is inactive");
		assertThat(this.mvc.perform(this.api.post(login(this.viewer.email(), "Wrong-Password-123"), "/auth/login")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void loginWhenBodyInvalidThen4xxProblemWithoutEcho() {
		String[] bodies = { "{\"email\":\"not-an-email\",\"password\":\"x\"}", "{\"email\":\"a@example.com\"}",
				"{\"email\": 123, \"password\": []}", "{\"email\":{\"$gt\":\"\"},\"password\":\"x\"}", "{not json",
				"{\"email\":\"<script>alert(1)</script>@example.com\",\"password\":\"x\"}",
				"{\"email\":\"admin' OR '1'='1\",\"password\":\"' OR 1=1; DROP TABLE auth.users; --\"}" };
		for (String body : bodies) {
			MvcTestResult result = this.mvc.perform(this.api.post(body, "/auth/login"));
			assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(ApiCaller.json(result).get("detail").asString()).isNotBlank();
			assertThat(ApiCaller.body(result)).doesNotContain("<script>").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void loginWhenSqlMetacharactersInPasswordThen401() {
		MvcTestResult result = this.mvc.perform(
				this.api.post(login(this.viewer.email(), "' OR '1'='1' --; DROP TABLE auth.users; %"), "/auth/login"));
		assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void loginWhenXmlThen415() {
		MvcTestResult result = this.mvc.perform(this.api.from(MockMvcRequestBuilders.post("/auth/login")
			.contentType(MediaType.APPLICATION_XML)
			.content("<login><email>a@example.com</email></login>")));
		assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void loginWhenSixthAttemptInAMinuteThen429WithHeaders() {
		for (int i = 0; i < 5; i++) {
			assertThat(
					this.mvc.perform(this.api.post(login(this.viewer.email(), "Wrong-Password-" + i), "/auth/login")))
				.hasStatus(HttpStatus.UNAUTHORIZED);
		}
		MvcTestResult limited = this.mvc
			.perform(this.api.post(login(this.viewer.email(), Fixtures.PASSWORD), "/auth/login"));
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
		assertThat(limited).headers().hasValue("X-RateLimit-Limit", "5").hasValue("X-RateLimit-Remaining", "0");
		assertThat(ApiCaller.json(limited).get("detail").asString()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
		assertThat(ApiCaller.json(limited).get("error").asString()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
		assertThat(ApiCaller.json(limited).get("service").asString()).as("rendered like every other problem")
			.isEqualTo("auth");
		assertThat(ApiCaller.json(limited).get("request_id").asString())
			.isEqualTo(limited.getResponse().getHeader("X-Request-ID"));
		assertThat(ApiCaller.json(limited).get("instance").asString()).startsWith("urn:request:");
		assertThat(this.mvc
			.perform(ApiCaller.anonymous().post(login(this.viewer.email(), Fixtures.PASSWORD), "/auth/login")))
			.as("another client has its own bucket")
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void loginWhenRejectedAsInvalidInputThenNoQuotaUsed() {
		for (int i = 0; i < 8; i++) {
			assertThat(
					this.mvc.perform(this.api.post("{\"email\":\"not-an-email\",\"password\":\"x\"}", "/auth/login")))
				.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		}
		assertThat(this.mvc.perform(this.api.post(login(this.viewer.email(), Fixtures.PASSWORD), "/auth/login")))
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void loginWhenTrailingSlashThenSameRoute() {
		assertThat(this.mvc.perform(this.api.post(login(this.viewer.email(), Fixtures.PASSWORD), "/auth/login/")))
			.hasStatus(HttpStatus.OK);
	}

	@Test
	void meWhenSignedInThenUserWithTenant() {
		String token = SignIn.accessToken(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		MvcTestResult result = this.mvc.perform(this.api.bearer(token).get("/auth/me"));
		assertThat(result).hasStatus(HttpStatus.OK);
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("id").asString()).isEqualTo(this.viewer.id().toString());
		assertThat(body.get("user_id").asString()).isEqualTo(this.viewer.id().toString());
		assertThat(body.get("tenant_id").asString()).isEqualTo(this.viewer.tenantId().toString());
		assertThat(body.get("roles").toString()).contains("viewer");
		assertThat(body.get("permissions").toString()).contains("agents:read").doesNotContain("delete");
	}

	@Test
	void meWhenNoOrBadCredentialsThen401WithChallenge() {
		MvcTestResult missing = this.mvc.perform(this.api.get("/auth/me"));
		assertThat(missing).hasStatus(HttpStatus.UNAUTHORIZED).containsHeader("WWW-Authenticate");
		assertThat(ApiCaller.json(missing).get("detail").asString()).isEqualTo("Missing authentication credentials");
		MvcTestResult invalid = this.mvc.perform(this.api.bearer("invalid.token.here").get("/auth/me"));
		assertThat(invalid).hasStatus(HttpStatus.UNAUTHORIZED).containsHeader("WWW-Authenticate");
		assertThat(ApiCaller.json(invalid).get("detail").asString()).isEqualTo("Invalid authentication credentials");
	}

	@Test
	void meWhenRefreshTokenPresentedAsAccessTokenThen401() {
		String refresh = SignIn.tokens(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD)
			.get("refresh_token")
			.asString();
		assertThat(this.mvc.perform(this.api.bearer(refresh).get("/auth/me"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void meWhenUserDeactivatedAfterLoginThen403() {
		String token = SignIn.accessToken(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", this.viewer.id())
			.update();
		assertThat(this.mvc.perform(this.api.bearer(token).get("/auth/me"))).hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void refreshWhenValidThenRotatedPairAndOldTokenDeadOnceSuccessorUsed() {
		JsonNode first = SignIn.tokens(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		String oldRefresh = first.get("refresh_token").asString();
		MvcTestResult rotated = this.mvc.perform(this.api.post(refresh(oldRefresh), "/auth/refresh"));
		assertThat(rotated).hasStatus(HttpStatus.OK);
		JsonNode second = ApiCaller.json(rotated);
		assertThat(second.get("refresh_token").asString()).isNotEqualTo(oldRefresh);
		assertThat(second.get("access_token").asString()).isNotEqualTo(first.get("access_token").asString());
		assertThat(this.mvc.perform(this.api.bearer(second.get("access_token").asString()).get("/auth/me")))
			.hasStatus(HttpStatus.OK);

		MvcTestResult retried = this.mvc.perform(this.api.post(refresh(oldRefresh), "/auth/refresh"));
		assertThat(retried).as("a lost response: the old token within the grace period gets the same successor")
			.hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.json(retried).get("refresh_token").asString())
			.isEqualTo(second.get("refresh_token").asString());
		MvcTestResult third = this.mvc
			.perform(this.api.post(refresh(second.get("refresh_token").asString()), "/auth/refresh"));
		assertThat(third).hasStatus(HttpStatus.OK);

		MvcTestResult reused = this.mvc.perform(this.api.post(refresh(oldRefresh), "/auth/refresh"));
		assertThat(reused).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(ApiCaller.json(reused).get("detail").asString()).isEqualTo("Invalid refresh token");
		assertThat(this.mvc
			.perform(this.api.post(refresh(ApiCaller.json(third).get("refresh_token").asString()), "/auth/refresh")))
			.as("reuse of a rotated token revokes its whole family")
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void refreshWhenTokenInvalidThen401And422ForMissing() {
		String access = SignIn.accessToken(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		assertThat(this.mvc.perform(this.api.post(refresh(access), "/auth/refresh")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.post(refresh("invalid.token.here"), "/auth/refresh")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.post(refresh("' OR 1=1 --"), "/auth/refresh")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.post("{}", "/auth/refresh"))).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void logoutWhenSignedInThenAccessAndRefreshRevoked() {
		JsonNode pair = SignIn.tokens(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		String access = pair.get("access_token").asString();
		MvcTestResult result = this.mvc
			.perform(this.api.bearer(access).post(refresh(pair.get("refresh_token").asString()), "/auth/logout"));
		assertThat(result).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(access).get("/auth/me"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.post(refresh(pair.get("refresh_token").asString()), "/auth/refresh")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.fixtures.auditCount("logout", this.viewer.id())).isEqualTo(1);
	}

	@Test
	void logoutWhenNoBodyThenAccessTokenRevoked() {
		String access = SignIn.accessToken(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		assertThat(this.mvc.perform(this.api.bearer(access).request(HttpMethod.POST, "/auth/logout")))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(access).get("/auth/me"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void logoutWhenRefreshTokenIsGarbageThenAccessTokenStillRevoked() {
		String access = SignIn.accessToken(this.mvc, this.api, this.viewer.email(), Fixtures.PASSWORD);
		assertThat(this.mvc.perform(
				this.api.bearer(access).post(refresh("' OR 1=1; DROP TABLE auth.refresh_tokens; --"), "/auth/logout")))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(access).get("/auth/me"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void logoutWhenUnauthenticatedThen401() {
		assertThat(this.mvc.perform(this.api.post("{}", "/auth/logout"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	static String login(String email, String password) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + password.replace("\"", "\\\"") + "\"}";
	}

	static String refresh(String token) {
		return "{\"refresh_token\":\"" + token + "\"}";
	}

}
