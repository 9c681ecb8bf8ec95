package io.temponest.auth.exchange;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.testsupport.ApiCaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /auth/token/exchange} over HTTP: the granted exchange with its claims, each
 * refusal with its OAuth error, and the audit row of each.
 */
@AuthIntegrationTest
class TokenExchangeApiIntegrationTests {

	private static final String PATH = "/auth/token/exchange";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	private ApiCaller api;

	private Fixtures.Tenant tenant;

	private Fixtures.User developer;

	@BeforeEach
	void setUp() {
		this.api = ApiCaller.anonymous();
		this.tenant = this.fixtures.tenant();
		this.developer = this.fixtures.user(this.tenant, "developer");
	}

	@Test
	void exchangeWhenClientAndUserValidThenShortLivedAccessTokenOfTheUserActingForTheClient() throws Exception {
		MvcTestResult result = exchange(clientAuth(), form(this.developer, "agents:execute"));
		assertThat(result).hasStatus(HttpStatus.OK).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		assertThat(result).headers().hasValue("Cache-Control", "no-store");
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("issued_token_type").asString()).isEqualTo(TokenExchange.ACCESS_TOKEN_TYPE);
		assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isEqualTo(300);
		String token = body.get("access_token").asString();
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(claims.getSubject()).isEqualTo(this.developer.id().toString());
		assertThat(claims.getStringClaim("tenant_id")).isEqualTo(this.tenant.id().toString());
		assertThat(claims.getStringClaim("email")).isEqualTo(this.developer.email());
		assertThat(claims.getStringClaim("type")).isEqualTo("access");
		assertThat(claims.getStringListClaim("roles")).containsExactly("developer");
		assertThat(claims.getStringListClaim("permissions"))
			.containsExactlyInAnyOrderElementsOf(this.fixtures.principal(this.developer).permissions())
			.contains("agents:execute");
		assertThat(claims.getBooleanClaim("is_superuser")).isFalse();
		assertThat(claims.getJSONObjectClaim("act")).isEqualTo(Map.of("sub", AuthIntegrationTest.SERVICE_CLIENT_ID));
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(300_000);
		// an ordinary access token for every verifier
		MvcTestResult me = this.mvc.perform(this.api.bearer(token).get("/auth/me"));
		assertThat(me).hasStatus(HttpStatus.OK);
		assertThat(ApiCaller.json(me).get("id").asString()).isEqualTo(this.developer.id().toString());
		assertThat(auditDetails(TokenExchange.GRANTED, this.developer.id()))
			.containsEntry("client_id", AuthIntegrationTest.SERVICE_CLIENT_ID)
			.containsEntry("jti", claims.getJWTID());
	}

	@Test
	void exchangeWhenRolesChangedThenTokenCarriesTheCurrentGrants() throws Exception {
		this.fixtures.admin()
			.sql("DELETE FROM auth.user_roles WHERE user_id = :id")
			.param("id", this.developer.id())
			.update();
		this.fixtures.admin().sql("""
				INSERT INTO auth.user_roles (user_id, role_id, tenant_id)
				SELECT :userId, id, :tenantId FROM auth.roles WHERE name = 'viewer'
				""").param("userId", this.developer.id()).param("tenantId", this.tenant.id()).update();
		MvcTestResult result = exchange(clientAuth(), form(this.developer, null));
		assertThat(result).hasStatus(HttpStatus.OK);
		JWTClaimsSet claims = SignedJWT.parse(ApiCaller.json(result).get("access_token").asString()).getJWTClaimsSet();
		assertThat(claims.getStringListClaim("roles")).containsExactly("viewer");
		assertThat(claims.getStringListClaim("permissions")).doesNotContain("agents:execute");
	}

	@Test
	void exchangeWhenSuperuserThenEveryScopeGranted() throws Exception {
		Fixtures.User superuser = this.fixtures.user(this.tenant, true);
		MvcTestResult result = exchange(clientAuth(), form(superuser, "agents:execute schedules:manage"));
		assertThat(result).hasStatus(HttpStatus.OK);
		JWTClaimsSet claims = SignedJWT.parse(ApiCaller.json(result).get("access_token").asString()).getJWTClaimsSet();
		assertThat(claims.getBooleanClaim("is_superuser")).isTrue();
	}

	@Test
	void exchangeWhenClientUnknownOrSecretWrongOrMissingThen401InvalidClient() {
		String[] authorizations = { basic("unknown-service", AuthIntegrationTest.SERVICE_CLIENT_SECRET),
				basic(AuthIntegrationTest.SERVICE_CLIENT_ID, AuthIntegrationTest.SERVICE_CLIENT_SECRET + "x"),
				basic(AuthIntegrationTest.SERVICE_CLIENT_ID, ""), "Basic not-base64!",
				"Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)),
				basic("nul\u0000client", "x"), null };
		for (String authorization : authorizations) {
			MvcTestResult result = exchange(authorization, form(this.developer, null));
			assertRefused(result, HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed");
			assertThat(result).headers().hasValue("WWW-Authenticate", "Basic realm=\"temponest\"");
		}
		assertThat(unplacedRefusals(this.developer.id(), "invalid_client")).isEqualTo(authorizations.length);
		assertThat(this.fixtures.auditCount(TokenExchange.GRANTED, this.developer.id())).isZero();
	}

	@Test
	void exchangeWhenGrantTypeWrongThen400UnsupportedGrantType() {
		String form = form(this.developer, null).replace("token-exchange", "client_credentials");
		assertRefused(exchange(clientAuth(), form), HttpStatus.BAD_REQUEST, "unsupported_grant_type",
				"grant_type must be " + TokenExchange.GRANT_TYPE);
		assertThat(unplacedRefusals(this.developer.id(), "unsupported_grant_type")).isOne();
	}

	@Test
	void exchangeWhenParametersMalformedThen400InvalidRequest() {
		String valid = form(this.developer, null);
		String[] forms = { valid.replace("user-id", "jwt"), valid.replace(this.developer.id().toString(), "admin"),
				valid.replace(this.tenant.id().toString(), "' OR 1=1 --"), valid + "&tenant_id=" + this.tenant.id(),
				valid + "&requested_token_type=urn:ietf:params:oauth:token-type:refresh_token",
				valid + "&scope=DROP%20TABLE", valid.replace("&tenant_id=" + this.tenant.id(), "") };
		for (String form : forms) {
			MvcTestResult result = exchange(clientAuth(), form);
			assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(ApiCaller.json(result).get("error").asString()).isEqualTo("invalid_request");
			assertThat(ApiCaller.body(result)).doesNotContain("OR 1=1");
		}
		assertThat(this.fixtures.auditCount(TokenExchange.GRANTED, this.developer.id())).isZero();
	}

	@Test
	void exchangeWhenUserGoneOrInAnotherTenantThen400InvalidGrant() {
		Fixtures.User elsewhere = this.fixtures.user(this.fixtures.tenant(), "developer");
		String otherTenant = form(elsewhere, null).replace(elsewhere.tenantId().toString(),
				this.tenant.id().toString());
		String unknown = form(this.developer, null).replace(this.developer.id().toString(),
				UUID.randomUUID().toString());
		for (String form : List.of(otherTenant, unknown)) {
			assertRefused(exchange(clientAuth(), form), HttpStatus.BAD_REQUEST, "invalid_grant",
					"User not found in the tenant");
		}
		assertThat(unplacedRefusals(elsewhere.id(), "invalid_grant")).isOne();
	}

	@Test
	void exchangeWhenUserDeactivatedThen400InvalidGrantAuditedInItsTenant() {
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", this.developer.id())
			.update();
		assertRefused(exchange(clientAuth(), form(this.developer, null)), HttpStatus.BAD_REQUEST, "invalid_grant",
				"User account is inactive");
		assertThat(auditDetails(TokenExchange.REFUSED, this.developer.id()))
			.containsEntry("client_id", AuthIntegrationTest.SERVICE_CLIENT_ID)
			.containsEntry("error", "invalid_grant");
	}

	@Test
	void exchangeWhenTenantDeactivatedThen400InvalidGrant() {
		this.fixtures.admin()
			.sql("UPDATE auth.tenants SET is_active = false WHERE id = :id")
			.param("id", this.tenant.id())
			.update();
		assertRefused(exchange(clientAuth(), form(this.developer, null)), HttpStatus.BAD_REQUEST, "invalid_grant",
				"Tenant is inactive");
		assertThat(this.fixtures.auditCount(TokenExchange.REFUSED, this.developer.id())).isOne();
	}

	@Test
	void exchangeWhenUserLacksRequestedPermissionThen400InvalidScope() {
		Fixtures.User viewer = this.fixtures.user(this.tenant, "viewer");
		assertRefused(exchange(clientAuth(), form(viewer, "agents:read agents:execute")), HttpStatus.BAD_REQUEST,
				"invalid_scope", "User lacks permission agents:execute");
		assertThat(auditDetails(TokenExchange.REFUSED, viewer.id())).containsEntry("error", "invalid_scope")
			.containsEntry("missing", List.of("agents:execute"));
	}

	private MvcTestResult exchange(String authorization, String form) {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(PATH)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(form);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.mvc.perform(this.api.from(request));
	}

	private static void assertRefused(MvcTestResult result, HttpStatus status, String error, String detail) {
		assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("error").asString()).isEqualTo(error);
		assertThat(body.get("detail").asString()).isEqualTo(detail);
		assertThat(body.has("access_token")).isFalse();
	}

	private static String form(Fixtures.User user, String scope) {
		String form = "grant_type=" + TokenExchange.GRANT_TYPE + "&subject_token=" + user.id() + "&subject_token_type="
				+ TokenExchange.USER_ID_TOKEN_TYPE + "&tenant_id=" + user.tenantId();
		return (scope != null) ? form + "&scope=" + scope.replace(" ", "%20") : form;
	}

	private static String clientAuth() {
		return basic(AuthIntegrationTest.SERVICE_CLIENT_ID, AuthIntegrationTest.SERVICE_CLIENT_SECRET);
	}

	private static String basic(String clientId, String secret) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	private Map<String, Object> auditDetails(String action, UUID userId) {
		String details = this.fixtures.admin()
			.sql("SELECT details::text FROM auth.audit_log WHERE action = :action AND user_id = :userId")
			.param("action", action)
			.param("userId", userId)
			.query(String.class)
			.single();
		return JsonMapper.shared().readValue(details, new TypeReference<Map<String, Object>>() {
		});
	}

	private long unplacedRefusals(UUID userId, String error) {
		return this.fixtures.admin().sql("""
				SELECT count(*) FROM auth.audit_log WHERE action = 'token_exchange_failed' AND tenant_id IS NULL
				AND details->>'user_id' = :userId AND details->>'error' = :error
				""").param("userId", userId.toString()).param("error", error).query(Long.class).single();
	}

}
