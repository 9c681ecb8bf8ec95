package io.temponest.auth.api;

import java.util.UUID;

import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
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

/** {@code /api-keys} over HTTP: create, list, get, revoke and verify. */
@AuthIntegrationTest
class ApiKeyApiIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	private Api api;

	private Fixtures.User owner;

	private String token;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.owner = this.fixtures.user(this.fixtures.tenant(), "developer");
		this.token = this.api.accessToken(this.owner.email(), Fixtures.PASSWORD);
	}

	@Test
	void createWhenValidThenKeyShownOnceWithNullsIncluded() {
		MvcTestResult result = this.api.post("/api-keys", "{\"name\":\"CI key\",\"scopes\":[\"agents:read\"]}",
				this.token);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = Api.json(result);
		String key = body.get("key").asString();
		assertThat(key).startsWith("sk_").hasSize(67).matches("sk_[0-9a-f]{64}");
		assertThat(body.get("key_prefix").asString()).isEqualTo(key.substring(0, 12));
		assertThat(body.has("expires_at")).isTrue();
		assertThat(body.get("expires_at").isNull()).isTrue();
		assertThat(body.get("scopes").toString()).isEqualTo("[\"agents:read\"]");
		assertThat(this.fixtures.auditCount("api_key_create", this.owner.id())).isEqualTo(1);

		MvcTestResult listed = this.api.get("/api-keys/", this.token);
		assertThat(listed).hasStatus(HttpStatus.OK);
		JsonNode item = Api.json(listed).get(0);
		assertThat(item.get("id").asString()).isEqualTo(body.get("id").asString());
		assertThat(item.has("key")).isFalse();
		assertThat(item.has("expires_at")).isFalse();
		assertThat(item.get("is_active").asBoolean()).isTrue();
		assertThat(Api.body(listed)).doesNotContain(key);
	}

	@Test
	void createWhenExpiryGivenThenExpiresAtSet() {
		MvcTestResult result = this.api.post("/api-keys", "{\"name\":\"Expiring\",\"expires_in_days\":30}", this.token);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(Api.json(result).get("expires_at").isNull()).isFalse();
	}

	@Test
	void createWhenInputInvalidThen422WithoutEcho() {
		String[] bodies = { "{}", "{\"name\":\"\"}", "{\"name\":\"" + "k".repeat(101) + "\"}",
				"{\"name\":\"<img src=x onerror=alert('XSS')>\"}", "{\"name\":\"x'; DROP TABLE auth.api_keys; --\"}",
				"{\"name\":\"ok\",\"expires_in_days\":0}", "{\"name\":\"ok\",\"expires_in_days\":-5}",
				"{\"name\":\"ok\",\"expires_in_days\":\"soon\"}", "{\"name\":\"ok\",\"scopes\":\"agents:read\"}" };
		for (String body : bodies) {
			MvcTestResult result = this.api.post("/api-keys", body, this.token);
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(Api.body(result)).doesNotContain("onerror=").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void createWhenSqlMetacharactersInScopesThenStoredVerbatim() {
		MvcTestResult result = this.api.post("/api-keys", "{\"name\":\"Meta\",\"scopes\":[\"a' OR '1'='1\"]}",
				this.token);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(Api.json(result).get("scopes").get(0).asString()).isEqualTo("a' OR '1'='1");
	}

	@Test
	void keysWhenUnauthenticatedThen401() {
		assertThat(this.api.post("/api-keys", "{\"name\":\"x\"}", null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api-keys", null)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api-keys", "invalid.token.here")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/" + UUID.randomUUID(), null))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api-keys", "sk_" + "0".repeat(64))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void getAndRevokeWhenOtherTenantThenNotFoundAndForbidden() {
		String keyId = createKey(this.token, "Mine");
		Fixtures.User stranger = this.fixtures.user(this.fixtures.tenant(), "admin");
		String strangerToken = new Api(this.mvc).accessToken(stranger.email(), Fixtures.PASSWORD);
		assertThat(this.api.get("/api-keys/" + keyId, strangerToken)).hasStatus(HttpStatus.NOT_FOUND);
		MvcTestResult revoke = this.api.call(HttpMethod.DELETE, "/api-keys/" + keyId, strangerToken);
		assertThat(revoke).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(Api.json(revoke).get("detail").asString()).isEqualTo("Cannot revoke API key from another tenant");
		assertThat(Api.body(this.api.get("/api-keys", strangerToken))).isEqualTo("[]");
		assertThat(this.api.get("/api-keys/" + keyId, this.token)).hasStatus(HttpStatus.OK);
	}

	@Test
	void revokeWhenOwnKeyThen204TwiceAndKeyStopsWorking() {
		MvcTestResult created = this.api.post("/api-keys", "{\"name\":\"Short lived\"}", this.token);
		String keyId = Api.json(created).get("id").asString();
		String key = Api.json(created).get("key").asString();
		assertThat(this.api.get("/api-keys", key)).as("the key authenticates").hasStatus(HttpStatus.OK);

		assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/" + keyId, this.token)).hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/" + keyId + "/", this.token))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.api.get("/api-keys", key)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(Api.json(this.api.get("/api-keys/" + keyId, this.token)).get("is_active").asBoolean()).isFalse();
		assertThat(this.fixtures.auditCount("api_key_revoke", this.owner.id())).isEqualTo(2);
	}

	@Test
	void revokeWhenUnknownOrMalformedIdThen404Or422() {
		assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/" + UUID.randomUUID(), this.token))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/not-a-uuid", this.token))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(this.api.get("/api-keys/1' OR '1'='1", this.token)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void verifyWhenKeyPresentedEitherWayThenPrincipal() {
		MvcTestResult created = this.api.post("/api-keys", "{\"name\":\"Verify me\",\"scopes\":[\"agents:read\"]}",
				this.token);
		String key = Api.json(created).get("key").asString();
		MvcTestResult bearer = this.api.get("/api-keys/verify", key);
		MvcTestResult header = this.api.send(MockMvcRequestBuilders.get("/api-keys/verify").header("X-API-Key", key),
				null);
		for (MvcTestResult result : new MvcTestResult[] { bearer, header }) {
			assertThat(result).hasStatus(HttpStatus.OK);
			JsonNode principal = Api.json(result);
			assertThat(principal.get("user_id").asString()).isEqualTo(this.owner.id().toString());
			assertThat(principal.get("tenant_id").asString()).isEqualTo(this.owner.tenantId().toString());
			assertThat(principal.get("email").asString()).isEqualTo(this.owner.email());
			assertThat(principal.get("roles").toString()).isEqualTo("[\"api-key\"]");
			assertThat(principal.get("permissions").toString()).isEqualTo("[\"agents:read\"]");
			assertThat(principal.get("is_superuser").asBoolean()).isFalse();
		}
	}

	@Test
	void verifyWhenKeyUnknownOrTokenInsteadThen401() {
		assertThat(this.api.get("/api-keys/verify", "sk_" + "f".repeat(64))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api-keys/verify", this.token)).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.api.get("/api-keys/verify", null)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void createWhenEleventhInAnHourThen429() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.api.post("/api-keys", "{\"name\":\"Key " + i + "\"}", this.token))
				.hasStatus(HttpStatus.CREATED);
		}
		MvcTestResult limited = this.api.post("/api-keys", "{\"name\":\"One too many\"}", this.token);
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
		assertThat(Api.json(limited).get("detail").asString()).isEqualTo("Rate limit exceeded: 10 per 1 hour");
	}

	private String createKey(String bearer, String name) {
		MvcTestResult result = this.api.post("/api-keys", "{\"name\":\"" + name + "\"}", bearer);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		return Api.json(result).get("id").asString();
	}

}
