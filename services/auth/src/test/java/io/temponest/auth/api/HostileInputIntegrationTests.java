package io.temponest.auth.api;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.AuthServiceApplication;
import io.temponest.auth.Fixtures;
import io.temponest.auth.TestSigningKey;
import io.temponest.auth.token.AccessTokenSubject;
import io.temponest.auth.token.TokenIssuer;
import io.temponest.security.AuthPrincipal;
import io.temponest.testsupport.PlatformTestInfrastructure;
import io.temponest.testsupport.api.ApiClient;
import io.temponest.testsupport.api.ApiContract;
import io.temponest.testsupport.api.DocumentRules;
import io.temponest.testsupport.api.HarnessReport;
import io.temponest.testsupport.api.HostileInputHarness;
import io.temponest.testsupport.api.OpenApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth service's OpenAPI document against the running service (real HTTP on a random
 * port, rate limits lifted): the document is usable by a client generator, every response
 * of a happy path keeps it, and hostile input to every documented operation never gives a
 * 5xx, a non-problem error, an echo or a slow answer.
 */
@SpringBootTest(classes = AuthServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.ratelimit.enabled=false", "platform.events.relay-enabled=false" })
@Import({ PlatformTestInfrastructure.class, TestSigningKey.class, Fixtures.class })
class HostileInputIntegrationTests {

	private static final String PASSWORD = "Analytical-Engine-1843";

	@LocalServerPort
	private int port;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private TokenIssuer issuer;

	private URI base;

	private OpenApiDocument document;

	private ApiContract contract;

	private Fixtures.Tenant tenant;

	private Fixtures.User admin;

	private Fixtures.User member;

	@BeforeEach
	void readDocument() {
		this.base = URI.create("http://localhost:" + this.port);
		this.document = OpenApiDocument.fetch(this.base, "auth");
		this.contract = new ApiContract(this.document);
		this.tenant = this.fixtures.tenant();
		this.admin = this.fixtures.user(this.tenant, "admin");
		this.member = this.fixtures.user(this.tenant, "viewer");
	}

	@Test
	void documentIsUsableByAClientGenerator() {
		assertThat(DocumentRules.check(this.document, DocumentRules.SNAKE_CASE)).isEmpty();
	}

	@Test
	void happyPathKeepsTheDocument() {
		ApiClient anonymous = new ApiClient(this.base, this.contract, Map::of);
		String email = Fixtures.email("ada");
		anonymous.call("POST", "/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Ada Lovelace\"}");
		anonymous.call("POST", "/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Ada Lovelace\"}");
		anonymous.call("POST", "/auth/login", "{\"email\":\"" + email + "\",\"password\":\"Wrong-Password-1234\"}");
		ApiClient.Response login = anonymous.call("POST", "/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
		ApiClient.Response refreshed = anonymous.call("POST", "/auth/refresh",
				"{\"refresh_token\":\"" + login.json().get("refresh_token").asString() + "\"}");
		anonymous.call("GET", "/.well-known/jwks.json", null);
		anonymous.call("GET", "/health", null);
		anonymous.call("GET", "/auth/me", null);
		String userToken = refreshed.json().get("access_token").asString();
		ApiClient user = anonymous.as(() -> Map.of("Authorization", "Bearer " + userToken));
		user.call("GET", "/auth/me", null);
		ApiClient admin = anonymous.as(this::adminCredentials);
		ApiClient.Response key = admin.call("POST", "/api-keys",
				"{\"name\":\"CI key\",\"scopes\":[\"agents:read\"],\"expires_in_days\":30}");
		String keyId = key.json().get("id").asString();
		admin.call("GET", "/api-keys", null);
		admin.call("GET", "/api-keys/{keyId}", null, keyId);
		admin.call("GET", "/api-keys/{keyId}", null, UUID.randomUUID());
		new ApiClient(this.base, this.contract, () -> Map.of("X-API-Key", key.json().get("key").asString())).call("GET",
				"/api-keys/verify", null);
		admin.call("DELETE", "/api-keys/{keyId}", null, keyId);
		admin.call("POST", "/tenants/{tenantId}/invitations",
				"{\"email\":\"" + Fixtures.email("invitee") + "\",\"roles\":[\"developer\"]}", this.tenant.id());
		ApiClient.Response page = admin.query("GET", "/tenants/{tenantId}/members", "limit=1", null, this.tenant.id());
		admin.query("GET", "/tenants/{tenantId}/members",
				"limit=1&after=" + encode(page.json().get("next_cursor").asString()), null, this.tenant.id());
		admin.call("PUT", "/tenants/{tenantId}/members/{userId}/roles", "{\"roles\":[\"developer\"]}", this.tenant.id(),
				this.member.id());
		admin.call("POST", "/tenants/{tenantId}/members/{userId}/deactivate", null, this.tenant.id(), this.member.id());
		user.call("POST", "/auth/logout",
				"{\"refresh_token\":\"" + refreshed.json().get("refresh_token").asString() + "\"}");
		HarnessReport report = anonymous.report();
		assertThat(report.failures()).as(report::describe).isEmpty();
	}

	@Test
	void hostileInputNeverBreaksTheRules() {
		ApiClient admin = new ApiClient(this.base, this.contract, this::adminCredentials);
		String keyId = admin.call("POST", "/api-keys", "{\"name\":\"Harness key\",\"scopes\":[\"agents:read\"]}")
			.json()
			.get("id")
			.asString();
		String login = "{\"email\":\"" + this.admin.email() + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}";
		String refreshToken = admin.call("POST", "/auth/login", login).json().get("refresh_token").asString();
		HarnessReport report = HostileInputHarness.forService(this.base, this.document)
			.credentials(this::adminCredentials)
			.pathValues((operation, name) -> switch (name) {
				case "tenantId" -> this.tenant.id().toString();
				case "userId" -> this.member.id().toString();
				case "keyId" -> keyId;
				default -> null;
			})
			.validBody("POST", "/auth/login", login)
			.validBody("POST", "/auth/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}")
			.validBody("POST", "/auth/register",
					"{\"email\":\"" + Fixtures.email("harness") + "\",\"password\":\"" + PASSWORD
							+ "\",\"full_name\":\"Harness User\"}")
			.validBody("POST", "/api-keys", "{\"name\":\"Harness key\",\"expires_in_days\":30}")
			.validBody("POST", "/tenants/{tenantId}/invitations",
					"{\"email\":\"" + Fixtures.email("invitee") + "\",\"roles\":[\"developer\"]}")
			.validBody("PUT", "/tenants/{tenantId}/members/{userId}/roles", "{\"roles\":[\"developer\"]}")
			.contract(this.contract)
			.build()
			.run();
		report.keep("auth");
		assertThat(report.requests()).isGreaterThan(300);
		report.assertClean();
	}

	private Map<String, String> adminCredentials() {
		AuthPrincipal principal = this.fixtures.principal(this.admin);
		String token = this.issuer
			.issueAccess(new AccessTokenSubject(this.admin.id(), this.tenant.id(), this.admin.email(),
					principal.roles(), principal.permissions(), false))
			.value();
		return Map.of("Authorization", "Bearer " + token);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
