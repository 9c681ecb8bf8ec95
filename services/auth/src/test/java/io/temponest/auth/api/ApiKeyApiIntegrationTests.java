package io.temponest.auth.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.SignIn;
import io.temponest.cache.BackoffRedisAvailability;
import io.temponest.cache.RedisKeys;
import io.temponest.security.Sha256;
import io.temponest.security.jwt.RedisRevokedTokens;
import io.temponest.testsupport.ApiCaller;
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

	private ApiCaller api;

	private Fixtures.User owner;

	private String token;

	@BeforeEach
	void setUp() {
		this.api = ApiCaller.anonymous();
		this.owner = this.fixtures.user(this.fixtures.tenant(), "developer");
		this.token = SignIn.accessToken(this.mvc, this.api, this.owner.email(), Fixtures.PASSWORD);
	}

	@Test
	void createWhenValidThenKeyShownOnceWithNullsIncluded() {
		MvcTestResult result = this.mvc.perform(
				this.api.bearer(this.token).post("{\"name\":\"CI key\",\"scopes\":[\"agents:read\"]}", "/api-keys"));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = ApiCaller.json(result);
		String key = body.get("key").asString();
		assertThat(key).startsWith("sk_").hasSize(67).matches("sk_[0-9a-f]{64}");
		assertThat(body.get("key_prefix").asString()).isEqualTo(key.substring(0, 12));
		assertThat(body.has("expires_at")).isTrue();
		assertThat(body.get("expires_at").isNull()).isTrue();
		assertThat(body.get("scopes").toString()).isEqualTo("[\"agents:read\"]");
		assertThat(body.get("parent_key_id").isNull()).isTrue();
		assertThat(this.fixtures.auditCount("api_key_create", this.owner.id())).isEqualTo(1);

		MvcTestResult listed = this.mvc.perform(this.api.bearer(this.token).get("/api-keys/"));
		assertThat(listed).hasStatus(HttpStatus.OK);
		JsonNode item = ApiCaller.json(listed).get(0);
		assertThat(item.get("id").asString()).isEqualTo(body.get("id").asString());
		assertThat(item.has("key")).isFalse();
		assertThat(item.has("expires_at")).isFalse();
		assertThat(item.get("is_active").asBoolean()).isTrue();
		assertThat(ApiCaller.body(listed)).doesNotContain(key);
	}

	@Test
	void createWhenExpiryGivenThenExpiresAtSet() {
		MvcTestResult result = this.mvc.perform(this.api.bearer(this.token)
			.post("{\"name\":\"Expiring\",\"scopes\":[\"agents:read\"],\"expires_in_days\":30}", "/api-keys"));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		assertThat(ApiCaller.json(result).get("expires_at").isNull()).isFalse();
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
			MvcTestResult result = this.mvc.perform(this.api.bearer(this.token).post(body, "/api-keys"));
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ApiCaller.body(result)).doesNotContain("onerror=").doesNotContain("DROP TABLE");
		}
	}

	@Test
	void createWhenScopesAbsentOrEmptyThen422OnScopes() {
		for (String body : new String[] { "{\"name\":\"No scopes\"}", "{\"name\":\"No scopes\",\"scopes\":[]}",
				"{\"name\":\"No scopes\",\"scopes\":null}" }) {
			MvcTestResult result = this.mvc.perform(this.api.bearer(this.token).post(body, "/api-keys"));
			assertThat(result).as(body).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ApiCaller.json(result).get("errors").get(0).get("field").asString()).as(body)
				.isEqualTo("scopes");
		}
		assertThat(this.fixtures.auditCount("api_key_create", this.owner.id())).isZero();
	}

	@Test
	void createWhenScopeUnknownThen422WithoutEcho() {
		for (String scope : new String[] { "a' OR '1'='1", "admin:all", "<script>alert(1)</script>", "agents:*",
				"agents:read:extra", "AGENTS:READ" }) {
			MvcTestResult result = this.mvc.perform(this.api.bearer(this.token)
				.post("{\"name\":\"Unknown\",\"scopes\":[\"agents:read\",\"" + scope + "\"]}", "/api-keys"));
			assertThat(result).as(scope).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(ApiCaller.json(result).get("errors").get(0).get("field").asString()).isEqualTo("scopes");
			assertThat(ApiCaller.body(result)).as(scope).doesNotContain(scope).doesNotContain("<script>");
		}
	}

	@Test
	void createWhenAliasScopeThenStoredCanonicalAndHeld() {
		MvcTestResult result = this.mvc.perform(this.api.bearer(this.token)
			.post("{\"name\":\"Alias\",\"scopes\":[\"read:agents\",\"execute:agents\",\"agents:read\"]}", "/api-keys"));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = ApiCaller.json(result);
		assertThat(body.get("scopes").toString()).isEqualTo("[\"agents:read\",\"agents:execute\"]");
		assertThat(ApiCaller
			.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + body.get("id").asString())))
			.get("scopes")
			.toString()).isEqualTo("[\"agents:read\",\"agents:execute\"]");
		assertThat(ApiCaller.json(this.mvc.perform(this.api.bearer(body.get("key").asString()).get("/api-keys/verify")))
			.get("permissions")
			.toString()).isEqualTo("[\"agents:read\",\"agents:execute\"]");
	}

	@Test
	void createWhenScopesExceedTheCallersThen403WithoutEcho() {
		MvcTestResult byUser = this.mvc.perform(this.api.bearer(this.token)
			.post("{\"name\":\"Wider\",\"scopes\":[\"agents:read\",\"tenants:manage\"]}", "/api-keys"));
		assertThat(byUser).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(ApiCaller.json(byUser).get("detail").asString())
			.isEqualTo("Requested scopes exceed the caller's permissions");
		assertThat(ApiCaller.body(byUser)).doesNotContain("tenants:manage");

		String readOnly = createKey(this.token, "Read only", "\"schedules:read\",\"api_keys:manage\"", null).key();
		MvcTestResult byKey = this.mvc.perform(this.api.bearer(readOnly)
			.post("{\"name\":\"Escalated\",\"scopes\":[\"schedules:write\",\"tenants:manage\",\"users:manage\"]}",
					"/api-keys"));
		assertThat(byKey).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(ApiCaller.json(byKey).get("detail").asString())
			.isEqualTo("Requested scopes exceed the caller's permissions");
		assertThat(ApiCaller.body(byKey)).doesNotContain("schedules:write");
		assertThat(this.mvc.perform(
				this.api.bearer(readOnly).post("{\"name\":\"Same\",\"scopes\":[\"schedules:write\"]}", "/api-keys")))
			.as("a scope the user holds but the key does not")
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.fixtures.auditCount("api_key_create", this.owner.id())).isOne();

		MvcTestResult narrower = this.mvc.perform(
				this.api.bearer(readOnly).post("{\"name\":\"Narrower\",\"scopes\":[\"read:schedules\"]}", "/api-keys"));
		assertThat(narrower).hasStatus(HttpStatus.CREATED);
		assertThat(ApiCaller
			.json(this.mvc
				.perform(this.api.bearer(ApiCaller.json(narrower).get("key").asString()).get("/api-keys/verify")))
			.get("permissions")
			.toString()).isEqualTo("[\"schedules:read\"]");
	}

	@Test
	void keysWhenKeyLacksApiKeysManageThen403ButVerifyWorks() {
		Created key = createKey(this.token, "No management", "\"agents:read\"", null);
		String other = createKey(this.token, "Other", "\"agents:read\"", null).id();
		assertThat(this.mvc
			.perform(this.api.bearer(key.key()).post("{\"name\":\"Child\",\"scopes\":[\"agents:read\"]}", "/api-keys")))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.perform(this.api.bearer(key.key()).get("/api-keys"))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.perform(this.api.bearer(key.key()).get("/api-keys/" + other)))
			.hasStatus(HttpStatus.FORBIDDEN);
		MvcTestResult delete = this.mvc
			.perform(this.api.bearer(key.key()).request(HttpMethod.DELETE, "/api-keys/" + other));
		assertThat(delete).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(ApiCaller.json(delete).get("detail").asString()).contains("api_keys:manage");
		assertThat(ApiCaller.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + other)))
			.get("is_active")
			.asBoolean()).isTrue();
		assertThat(this.mvc.perform(this.api.bearer(key.key()).get("/api-keys/verify"))).hasStatus(HttpStatus.OK);
	}

	@Test
	void revokeWhenParentRevokedThenDescendantsRevokedAnnouncedAndAudited() {
		String manage = "\"agents:read\",\"api_keys:manage\"";
		Created parent = createKey(this.token, "Parent", manage, 1);
		Created child = createKey(parent.key(), "Child", manage, 30);
		Created grandchild = createKey(child.key(), "Grandchild", "\"agents:read\"", null);
		Created sibling = createKey(this.token, "Sibling", manage, null);
		JsonNode parentJson = ApiCaller
			.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + parent.id())));
		JsonNode childJson = ApiCaller
			.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + child.id())));
		JsonNode grandchildJson = ApiCaller
			.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + grandchild.id())));
		assertThat(parentJson.get("parent_key_id").isNull()).isTrue();
		assertThat(childJson.get("parent_key_id").asString()).isEqualTo(parent.id());
		assertThat(grandchildJson.get("parent_key_id").asString()).isEqualTo(child.id());
		Instant parentExpiry = Instant.parse(parentJson.get("expires_at").asString());
		assertThat(Instant.parse(childJson.get("expires_at").asString())).as("capped at the parent's expiry")
			.isEqualTo(parentExpiry);
		assertThat(Instant.parse(grandchildJson.get("expires_at").asString())).isEqualTo(parentExpiry);

		try (DenyListListener otherService = new DenyListListener()) {
			assertThat(this.mvc
				.perform(this.api.bearer(this.token).request(HttpMethod.DELETE, "/api-keys/" + parent.id())))
				.hasStatus(HttpStatus.NO_CONTENT);
			for (Created revoked : new Created[] { parent, child, grandchild }) {
				assertThat(this.mvc.perform(this.api.bearer(revoked.key()).get("/api-keys/verify")))
					.hasStatus(HttpStatus.UNAUTHORIZED);
				assertThat(
						ApiCaller.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + revoked.id())))
							.get("is_active")
							.asBoolean())
					.isFalse();
				// only the announcement reaches the other service well before its 10 min
				// resync, even delayed by a 5 s Redis back-off another test caused
				await().atMost(Duration.ofSeconds(15))
					.until(() -> otherService.tokens.isRevoked("apikey:" + Sha256.hex(revoked.key())));
			}
			assertThat(otherService.tokens.isRevoked("apikey:" + Sha256.hex(sibling.key()))).isFalse();
		}
		assertThat(this.mvc.perform(this.api.bearer(sibling.key()).get("/api-keys/verify"))).hasStatus(HttpStatus.OK);
		assertThat(this.fixtures.auditCount("api_key_revoke", this.owner.id())).isEqualTo(3);
		assertThat(this.mvc.perform(this.api.bearer(this.token).request(HttpMethod.DELETE, "/api-keys/" + parent.id())))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.fixtures.auditCount("api_key_revoke", this.owner.id())).as("descendants audited once")
			.isEqualTo(4);
	}

	@Test
	void keysWhenUnauthenticatedThen401() {
		assertThat(this.mvc.perform(this.api.post("{\"name\":\"x\"}", "/api-keys"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.get("/api-keys"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.bearer("invalid.token.here").get("/api-keys")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.request(HttpMethod.DELETE, "/api-keys/" + UUID.randomUUID())))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.bearer("sk_" + "0".repeat(64)).get("/api-keys")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void getAndRevokeWhenOtherTenantThen404LikeARandomId() {
		String keyId = createKey(this.token, "Mine");
		Fixtures.User stranger = this.fixtures.user(this.fixtures.tenant(), "admin");
		String strangerToken = SignIn.accessToken(this.mvc, ApiCaller.anonymous(), stranger.email(), Fixtures.PASSWORD);
		String randomId = UUID.randomUUID().toString();
		for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.DELETE }) {
			MvcTestResult foreign = this.mvc
				.perform(this.api.bearer(strangerToken).request(method, "/api-keys/" + keyId));
			MvcTestResult random = this.mvc
				.perform(this.api.bearer(strangerToken).request(method, "/api-keys/" + randomId));
			assertThat(foreign).as(method.name()).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(random).as(method.name()).hasStatus(HttpStatus.NOT_FOUND);
			assertThat(withoutRequestSpecifics(ApiCaller.json(foreign))).as(method.name())
				.isEqualTo(withoutRequestSpecifics(ApiCaller.json(random)));
		}
		assertThat(ApiCaller.body(this.mvc.perform(this.api.bearer(strangerToken).get("/api-keys")))).isEqualTo("[]");
		assertThat(ApiCaller.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + keyId)))
			.get("is_active")
			.asBoolean()).isTrue();
	}

	@Test
	void revokeWhenOwnKeyThen204TwiceAndKeyStopsWorking() {
		MvcTestResult created = this.mvc.perform(this.api.bearer(this.token)
			.post("{\"name\":\"Short lived\",\"scopes\":[\"api_keys:manage\"]}", "/api-keys"));
		String keyId = ApiCaller.json(created).get("id").asString();
		String key = ApiCaller.json(created).get("key").asString();
		assertThat(this.mvc.perform(this.api.bearer(key).get("/api-keys"))).as("the key authenticates")
			.hasStatus(HttpStatus.OK);

		assertThat(this.mvc.perform(this.api.bearer(this.token).request(HttpMethod.DELETE, "/api-keys/" + keyId)))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(this.token).request(HttpMethod.DELETE, "/api-keys/" + keyId + "/")))
			.hasStatus(HttpStatus.NO_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(key).get("/api-keys"))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(ApiCaller.json(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/" + keyId)))
			.get("is_active")
			.asBoolean()).isFalse();
		assertThat(this.fixtures.auditCount("api_key_revoke", this.owner.id())).isEqualTo(2);
	}

	@Test
	void revokeWhenUnknownOrMalformedIdThen404Or422() {
		assertThat(this.mvc
			.perform(this.api.bearer(this.token).request(HttpMethod.DELETE, "/api-keys/" + UUID.randomUUID())))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.perform(this.api.bearer(this.token).request(HttpMethod.DELETE, "/api-keys/not-a-uuid")))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/1' OR '1'='1")))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	@Test
	void verifyWhenKeyPresentedEitherWayThenPrincipal() {
		MvcTestResult created = this.mvc.perform(
				this.api.bearer(this.token).post("{\"name\":\"Verify me\",\"scopes\":[\"agents:read\"]}", "/api-keys"));
		String key = ApiCaller.json(created).get("key").asString();
		MvcTestResult bearer = this.mvc.perform(this.api.bearer(key).get("/api-keys/verify"));
		MvcTestResult header = this.mvc
			.perform(this.api.from(MockMvcRequestBuilders.get("/api-keys/verify").header("X-API-Key", key)));
		for (MvcTestResult result : new MvcTestResult[] { bearer, header }) {
			assertThat(result).hasStatus(HttpStatus.OK);
			JsonNode principal = ApiCaller.json(result);
			assertThat(principal.get("user_id").asString()).isEqualTo(this.owner.id().toString());
			assertThat(principal.get("tenant_id").asString()).isEqualTo(this.owner.tenantId().toString());
			assertThat(principal.get("email").asString()).isEqualTo(this.owner.email());
			assertThat(principal.get("roles").toString()).isEqualTo("[\"api-key\"]");
			assertThat(principal.get("permissions").toString()).isEqualTo("[\"agents:read\"]");
			assertThat(principal.get("is_superuser").asBoolean()).isFalse();
			assertThat(principal.get("key_id").asString()).isEqualTo(ApiCaller.json(created).get("id").asString());
		}
	}

	@Test
	void verifyWhenKeyUnknownOrTokenInsteadThen401() {
		assertThat(this.mvc.perform(this.api.bearer("sk_" + "f".repeat(64)).get("/api-keys/verify")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.bearer(this.token).get("/api-keys/verify")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.perform(this.api.get("/api-keys/verify"))).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void createWhenEleventhInAnHourThen429() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.mvc.perform(this.api.bearer(this.token)
				.post("{\"name\":\"Key " + i + "\",\"scopes\":[\"agents:read\"]}", "/api-keys")))
				.hasStatus(HttpStatus.CREATED);
		}
		MvcTestResult limited = this.mvc.perform(this.api.bearer(this.token)
			.post("{\"name\":\"One too many\",\"scopes\":[\"agents:read\"]}", "/api-keys"));
		assertThat(limited).hasStatus(HttpStatus.TOO_MANY_REQUESTS).containsHeader("Retry-After");
		assertThat(ApiCaller.json(limited).get("detail").asString()).isEqualTo("Rate limit exceeded: 10 per 1 hour");
	}

	private String createKey(String bearer, String name) {
		return createKey(bearer, name, "\"agents:read\"", null).id();
	}

	private Created createKey(String bearer, String name, String scopes, Integer expiresInDays) {
		MvcTestResult result = this.mvc.perform(this.api.bearer(bearer)
			.post("{\"name\":\"" + name + "\",\"scopes\":[" + scopes + "],\"expires_in_days\":" + expiresInDays + "}",
					"/api-keys"));
		assertThat(result).hasStatus(HttpStatus.CREATED);
		JsonNode body = ApiCaller.json(result);
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
