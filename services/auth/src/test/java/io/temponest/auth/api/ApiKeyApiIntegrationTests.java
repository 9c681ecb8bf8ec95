package io.temponest.auth.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.auth.Api;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.security.Sha256;
import io.temponest.cache.BackoffRedisAvailability;
import io.temponest.cache.RedisKeys;
import io.temponest.security.jwt.RedisRevokedTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /api-keys} over HTTP: create, list, get, revoke and verify; scopes bounded by
 * the creator, parent keys and revocation announced to other services.
 */
@AuthIntegrationTest
class ApiKeyApiIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private RedisConnectionFactory redisConnectionFactory;

	@Autowired
	private RedisKeys redisKeys;

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
		assertThat(body.get("parent_key_id").isNull()).isTrue();
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
		MvcTestResult result = this.api.post("/api-keys",
				"{\"name\":\"Expiring\",\"scopes\":[\"agents:read\"],\"expires_in_days\":30}", this.token);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(Api.json(result).get("expires_at").isNull()).isFalse();
	}

	@Test
	void createWhenInputInvalidThen422WithoutEcho() {
		String scopes = ",\"scopes\":[\"agents:read\"]";
		String[] bodies = { "{}", "{\"name\":\"\"" + scopes + "}",
				"{\"name\":\"" + "k".repeat(101) + "\"" + scopes + "}",
				"{\"name\":\"<img src=x onerror=alert('XSS')>\"" + scopes + "}",
				"{\"name\":\"x'; DROP TABLE auth.api_keys; --\"" + scopes + "}",
				"{\"name\":\"ok\",\"expires_in_days\":0" + scopes + "}",
				"{\"name\":\"ok\",\"expires_in_days\":-5" + scopes + "}",
				"{\"name\":\"ok\",\"expires_in_days\":\"soon\"" + scopes + "}",
				"{\"name\":\"ok\",\"scopes\":\"agents:read\"}" };
		for (String body : bodies) {
			MvcTestResult result = this.api.post("/api-keys", body, this.token);
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(Api.body(result)).doesNotContain("onerror=").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void createWhenScopesAbsentOrEmptyThen422OnScopes() {
		for (String body : new String[] { "{\"name\":\"No scopes\"}", "{\"name\":\"No scopes\",\"scopes\":[]}",
				"{\"name\":\"No scopes\",\"scopes\":null}" }) {
			MvcTestResult result = this.api.post("/api-keys", body, this.token);
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(Api.json(result).get("errors").get(0).get("field").asString()).as(body).isEqualTo("scopes");
		}
		assertThat(this.fixtures.auditCount("api_key_create", this.owner.id())).isZero();
	}

	@Test
	void createWhenScopeUnknownThen422WithoutEcho() {
		for (String scope : new String[] { "a' OR '1'='1", "admin:all", "<script>alert(1)</script>", "agents:*",
				"agents:read:extra", "AGENTS:READ" }) {
			MvcTestResult result = this.api.post("/api-keys",
					"{\"name\":\"Unknown\",\"scopes\":[\"agents:read\",\"" + scope + "\"]}", this.token);
			assertThat(result).as(scope).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(Api.json(result).get("errors").get(0).get("field").asString()).isEqualTo("scopes");
			assertThat(Api.body(result)).as(scope).doesNotContain(scope).doesNotContain("<script>");
		}
	}

	@Test
	void createWhenAliasScopeThenStoredCanonicalAndHeld() {
		MvcTestResult result = this.api.post("/api-keys",
				"{\"name\":\"Alias\",\"scopes\":[\"read:agents\",\"execute:agents\",\"agents:read\"]}", this.token);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = Api.json(result);
		assertThat(body.get("scopes").toString()).isEqualTo("[\"agents:read\",\"agents:execute\"]");
		assertThat(
				Api.json(this.api.get("/api-keys/" + body.get("id").asString(), this.token)).get("scopes").toString())
			.isEqualTo("[\"agents:read\",\"agents:execute\"]");
		assertThat(Api.json(this.api.get("/api-keys/verify", body.get("key").asString())).get("permissions").toString())
			.isEqualTo("[\"agents:read\",\"agents:execute\"]");
	}

	@Test
	void createWhenScopesExceedTheCallersThen403WithoutEcho() {
		MvcTestResult byUser = this.api.post("/api-keys",
				"{\"name\":\"Wider\",\"scopes\":[\"agents:read\",\"tenants:manage\"]}", this.token);
		assertThat(byUser).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(Api.json(byUser).get("detail").asString())
			.isEqualTo("Requested scopes exceed the caller's permissions");
		assertThat(Api.body(byUser)).doesNotContain("tenants:manage");

		String readOnly = createKey(this.token, "Read only", "\"schedules:read\",\"api_keys:manage\"", null).key();
		MvcTestResult byKey = this.api.post("/api-keys",
				"{\"name\":\"Escalated\",\"scopes\":[\"schedules:write\",\"tenants:manage\",\"users:manage\"]}",
				readOnly);
		assertThat(byKey).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(Api.json(byKey).get("detail").asString())
			.isEqualTo("Requested scopes exceed the caller's permissions");
		assertThat(Api.body(byKey)).doesNotContain("schedules:write");
		assertThat(this.api.post("/api-keys", "{\"name\":\"Same\",\"scopes\":[\"schedules:write\"]}", readOnly))
			.as("a scope the user holds but the key does not")
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.fixtures.auditCount("api_key_create", this.owner.id())).isOne();

		MvcTestResult narrower = this.api.post("/api-keys", "{\"name\":\"Narrower\",\"scopes\":[\"read:schedules\"]}",
				readOnly);
		assertThat(narrower).hasStatus(HttpStatus.CREATED);
		assertThat(Api.json(this.api.get("/api-keys/verify", Api.json(narrower).get("key").asString()))
			.get("permissions")
			.toString()).isEqualTo("[\"schedules:read\"]");
	}

	@Test
	void keysWhenKeyLacksApiKeysManageThen403ButVerifyWorks() {
		Created key = createKey(this.token, "No management", "\"agents:read\"", null);
		String other = createKey(this.token, "Other", "\"agents:read\"", null).id();
		assertThat(this.api.post("/api-keys", "{\"name\":\"Child\",\"scopes\":[\"agents:read\"]}", key.key()))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.api.get("/api-keys", key.key())).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.api.get("/api-keys/" + other, key.key())).hasStatus(HttpStatus.FORBIDDEN);
		MvcTestResult delete = this.api.call(HttpMethod.DELETE, "/api-keys/" + other, key.key());
		assertThat(delete).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(Api.json(delete).get("detail").asString()).contains("api_keys:manage");
		assertThat(Api.json(this.api.get("/api-keys/" + other, this.token)).get("is_active").asBoolean()).isTrue();
		assertThat(this.api.get("/api-keys/verify", key.key())).hasStatus(HttpStatus.OK);
	}

	@Test
	void revokeWhenParentRevokedThenDescendantsRevokedAnnouncedAndAudited() {
		String manage = "\"agents:read\",\"api_keys:manage\"";
		Created parent = createKey(this.token, "Parent", manage, 1);
		Created child = createKey(parent.key(), "Child", manage, 30);
		Created grandchild = createKey(child.key(), "Grandchild", "\"agents:read\"", null);
		Created sibling = createKey(this.token, "Sibling", manage, null);
		JsonNode parentJson = Api.json(this.api.get("/api-keys/" + parent.id(), this.token));
		JsonNode childJson = Api.json(this.api.get("/api-keys/" + child.id(), this.token));
		JsonNode grandchildJson = Api.json(this.api.get("/api-keys/" + grandchild.id(), this.token));
		assertThat(parentJson.get("parent_key_id").isNull()).isTrue();
		assertThat(childJson.get("parent_key_id").asString()).isEqualTo(parent.id());
		assertThat(grandchildJson.get("parent_key_id").asString()).isEqualTo(child.id());
		Instant parentExpiry = Instant.parse(parentJson.get("expires_at").asString());
		assertThat(Instant.parse(childJson.get("expires_at").asString())).as("capped at the parent's expiry")
			.isEqualTo(parentExpiry);
		assertThat(Instant.parse(grandchildJson.get("expires_at").asString())).isEqualTo(parentExpiry);

		try (DenyListListener otherService = new DenyListListener()) {
			assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/" + parent.id(), this.token))
				.hasStatus(HttpStatus.NO_CONTENT);
			for (Created revoked : new Created[] { parent, child, grandchild }) {
				assertThat(this.api.get("/api-keys/verify", revoked.key())).hasStatus(HttpStatus.UNAUTHORIZED);
				assertThat(Api.json(this.api.get("/api-keys/" + revoked.id(), this.token)).get("is_active").asBoolean())
					.isFalse();
				// only the announcement reaches the other service well before its 10 min
				// resync, even delayed by a 5 s Redis back-off another test caused
				await().atMost(Duration.ofSeconds(15))
					.until(() -> otherService.tokens.isRevoked("apikey:" + Sha256.hex(revoked.key())));
			}
			assertThat(otherService.tokens.isRevoked("apikey:" + Sha256.hex(sibling.key()))).isFalse();
		}
		assertThat(this.api.get("/api-keys/verify", sibling.key())).hasStatus(HttpStatus.OK);
		assertThat(this.fixtures.auditCount("api_key_revoke", this.owner.id())).isEqualTo(3);
		assertThat(this.api.call(HttpMethod.DELETE, "/api-keys/" + parent.id(), this.token))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.fixtures.auditCount("api_key_revoke", this.owner.id())).as("descendants audited once")
			.isEqualTo(4);
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
	void getAndRevokeWhenOtherTenantThen404LikeARandomId() {
		String keyId = createKey(this.token, "Mine");
		Fixtures.User stranger = this.fixtures.user(this.fixtures.tenant(), "admin");
		String strangerToken = new Api(this.mvc).accessToken(stranger.email(), Fixtures.PASSWORD);
		String randomId = UUID.randomUUID().toString();
		for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.DELETE }) {
			MvcTestResult foreign = this.api.call(method, "/api-keys/" + keyId, strangerToken);
			MvcTestResult random = this.api.call(method, "/api-keys/" + randomId, strangerToken);
			assertThat(foreign).as(method.name()).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(random).as(method.name()).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(withoutRequestSpecifics(Api.json(foreign))).as(method.name())
				.isEqualTo(withoutRequestSpecifics(Api.json(random)));
		}
		assertThat(Api.body(this.api.get("/api-keys", strangerToken))).isEqualTo("[]");
		assertThat(Api.json(this.api.get("/api-keys/" + keyId, this.token)).get("is_active").asBoolean()).isTrue();
	}

	@Test
	void revokeWhenOwnKeyThen204TwiceAndKeyStopsWorking() {
		MvcTestResult created = this.api.post("/api-keys",
				"{\"name\":\"Short lived\",\"scopes\":[\"api_keys:manage\"]}", this.token);
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
			assertThat(principal.get("key_id").asString()).isEqualTo(Api.json(created).get("id").asString());
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
			assertThat(
					this.api.post("/api-keys", "{\"name\":\"Key " + i + "\",\"scopes\":[\"agents:read\"]}", this.token))
				.hasStatus(HttpStatus.CREATED);
		}
		MvcTestResult limited = this.api.post("/api-keys", "{\"name\":\"One too many\",\"scopes\":[\"agents:read\"]}",
				this.token);
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
		assertThat(Api.json(limited).get("detail").asString()).isEqualTo("Rate limit exceeded: 10 per 1 hour");
	}

	private String createKey(String bearer, String name) {
		return createKey(bearer, name, "\"agents:read\"", null).id();
	}

	private Created createKey(String bearer, String name, String scopes, Integer expiresInDays) {
		MvcTestResult result = this.api.post("/api-keys",
				"{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "],\"expires_in_days\":" + expiresInDays + "}",
				bearer);
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = Api.json(result);
		return new Created(body.get("id").asString(), body.get("key").asString());
	}

	private static JsonNode withoutRequestSpecifics(JsonNode problem) {
		ObjectNode copy = (ObjectNode) problem.deepCopy();
		copy.remove("instance");
		copy.remove("request_id");
		return copy;
	}

	/**
	 * A key created in a test.
	 *
	 * @param id its id
	 * @param key the key itself
	 */
	private record Created(String id, String key) {

	}

	/**
	 * The revocation deny-list as another service sees it: its own instance on the same
	 * Redis, fed by the channel.
	 */
	private final class DenyListListener implements AutoCloseable {

		private final RedisRevokedTokens tokens;

		DenyListListener() {
			// its own availability: a slow subscription here must not put the service's
			// Redis use in back-off; a 10 min resync: only announcements reach it
			this.tokens = new RedisRevokedTokens(ApiKeyApiIntegrationTests.this.redisConnectionFactory,
					ApiKeyApiIntegrationTests.this.redisKeys,
					new BackoffRedisAvailability(Duration.ZERO, new SimpleMeterRegistry()), Duration.ofMinutes(10),
					Clock.systemUTC());
			this.tokens.start();
			// subscribed once an announcement on the channel alone arrives (the probe is
			// never put in the set, so a resync cannot bring it); a resync re-subscribes
			// a
			// subscription that timed out on a busy machine
			StringRedisTemplate redis = new StringRedisTemplate(ApiKeyApiIntegrationTests.this.redisConnectionFactory);
			String channel = ApiKeyApiIntegrationTests.this.redisKeys.key(RedisRevokedTokens.CHANNEL_NAME);
			String probe = "probe-" + UUID.randomUUID();
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
				redis.convertAndSend(channel, Instant.now().plusSeconds(60).getEpochSecond() + " " + probe);
				if (this.tokens.isRevoked(probe)) {
					return true;
				}
				this.tokens.resync();
				return false;
			});
		}

		@Override
		public void close() {
			try {
				this.tokens.destroy();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
