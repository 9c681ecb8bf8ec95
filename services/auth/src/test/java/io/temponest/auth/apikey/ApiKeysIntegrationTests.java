package io.temponest.auth.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.tenancy.Members;
import io.temponest.security.Sha256;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.RevokedTokens;
import io.temponest.security.apikey.ApiKeyVerdict;
import io.temponest.security.apikey.ApiKeyVerdictSource;
import io.temponest.security.apikey.CachingApiKeyVerifier;
import io.temponest.security.jwt.RedisRevokedTokens;
import io.temponest.cache.RedisKeys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Creating, listing, revoking and verifying API keys: scopes bounded by the creator,
 * parent keys, the deny-list, the verdict cache and what evicts it.
 */
@AuthIntegrationTest
class ApiKeysIntegrationTests {

	private static final List<String> READ = List.of("agents:read");

	@Autowired
	private ApiKeys apiKeys;

	@Autowired
	private ApiKeyVerifier verifier;

	@Autowired
	private ApiKeyVerdictSource database;

	@Autowired
	private Members members;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private ApiKeyStore store;

	@Autowired
	private RevokedTokens revokedTokens;

	@Autowired
	private RedisKeys redisKeys;

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void verifyWhenVerdictCachedThenDatabaseNotAskedUntilItExpires() {
		assertThat(this.verifier).isInstanceOf(CachingApiKeyVerifier.class);
		assertThat(this.database).isInstanceOf(ApiKeyVerification.class);
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey key = this.apiKeys.create(caller, "Cached", READ, null, ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext())).isPresent();
		// deactivated behind the platform's back (revoking puts it on the deny-list): the
		// database says no at once, the cached verdict until it expires
		this.fixtures.admin()
			.sql("UPDATE auth.api_keys SET is_active = false WHERE id = :id")
			.param("id", key.key().id())
			.update();
		assertThat(this.database.verdictOn(key.plaintext()).valid()).isFalse();
		assertThat(this.verifier.verify(key.plaintext())).isPresent();
		assertThat(cacheSeconds(key.plaintext())).isBetween(1L, 30L);
	}

	@Test
	void verdictWhenKeyExpiresThenCarriesTheExpirySoTheCacheNeverOutlivesIt() {
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey expiring = this.apiKeys.create(caller, "Expiring", READ, 1, ClientInfo.NONE);
		CreatedApiKey lasting = this.apiKeys.create(caller, "Lasting", READ, null, ClientInfo.NONE);
		ApiKeyVerdict verdict = this.database.verdictOn(expiring.plaintext());
		assertThat(verdict.valid()).isTrue();
		assertThat(verdict.keyExpiresAt()).isEqualTo(expiring.key().expiresAt());
		assertThat(this.database.verdictOn(lasting.plaintext()).keyExpiresAt()).isNull();
	}

	@Test
	void verifyWhenOwnerDemotedOrDeactivatedWhileVerdictCachedThenChangedAtOnce() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		AuthPrincipal admin = this.fixtures.principal(this.fixtures.user(tenant, "admin"));
		Fixtures.User developer = this.fixtures.user(tenant, "developer");
		CreatedApiKey key = this.apiKeys.create(this.fixtures.principal(developer), "Developer's",
				List.of("agents:read", "agents:execute"), null, ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext()).orElseThrow().permissions()).containsExactly("agents:read",
				"agents:execute");
		this.members.changeRoles(admin, tenant.id(), developer.id(), List.of("viewer"), ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext()).orElseThrow().permissions()).containsExactly("agents:read");
		this.members.deactivate(admin, tenant.id(), developer.id(), ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext())).isEmpty();
	}

	@Test
	void storeWhenCalledOutsideATenantTransactionThenRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.store.list(UUID.randomUUID()));
	}

	@Test
	void createWhenCalledThenKeyShownOnceAndStoredHashed() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		CreatedApiKey created = this.apiKeys.create(this.fixtures.principal(user), "CI key",
				List.of("agents:read", "costs:read"), 30, ClientInfo.NONE);
		String key = created.plaintext();
		assertThat(key).startsWith("sk_").hasSize(67).matches("sk_[0-9a-f]{64}");
		assertThat(created.key().keyPrefix()).isEqualTo(key.substring(0, 12));
		assertThat(created.key().scopes()).containsExactly("agents:read", "costs:read");
		assertThat(created.key().expiresAt()).isNotNull();
		assertThat(created.key().active()).isTrue();
		Map<String, Object> row = this.fixtures.admin()
			.sql("SELECT key_hash, user_id, tenant_id FROM auth.api_keys WHERE id = :id")
			.param("id", created.key().id())
			.query()
			.singleRow();
		assertThat(row).containsEntry("key_hash", Sha256.hex(key))
			.containsEntry("user_id", user.id())
			.containsEntry("tenant_id", user.tenantId());
		Map<String, Object> audit = this.fixtures.admin()
			.sql("SELECT resource_type, resource_id, details::text AS details FROM auth.audit_log "
					+ "WHERE action = 'api_key_create' AND user_id = :id")
			.param("id", user.id())
			.query()
			.singleRow();
		assertThat(audit).containsEntry("resource_type", "api_key")
			.containsEntry("resource_id", created.key().id().toString());
		assertThat((String) audit.get("details")).contains("\"name\": \"CI key\"").contains("costs:read");
		assertThat(this.apiKeys.create(this.fixtures.principal(user), "Other", READ, null, ClientInfo.NONE).plaintext())
			.isNotEqualTo(key);
	}

	@Test
	void createWhenNoExpiryThenNeverExpiresAndNonPositiveExpiryRejected() {
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		assertThat(this.apiKeys.create(caller, "Forever", READ, null, ClientInfo.NONE).key().expiresAt()).isNull();
		assertThatExceptionOfType(InvalidApiKeyRequestException.class)
			.isThrownBy(() -> this.apiKeys.create(caller, "Zero", READ, 0, ClientInfo.NONE));
		assertThatExceptionOfType(InvalidApiKeyRequestException.class)
			.isThrownBy(() -> this.apiKeys.create(caller, "Negative", READ, -1, ClientInfo.NONE));
	}

	@Test
	void listWhenKeysExistThenOwnTenantsNewestFirstIncludingRevoked() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(tenant, "viewer"));
		AuthPrincipal stranger = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey older = this.apiKeys.create(caller, "Older", READ, null, ClientInfo.NONE);
		CreatedApiKey newer = this.apiKeys.create(caller, "Newer", READ, null, ClientInfo.NONE);
		this.apiKeys.create(stranger, "Stranger", READ, null, ClientInfo.NONE);
		this.apiKeys.revoke(caller, older.key().id(), ClientInfo.NONE);
		List<ApiKeyView> keys = this.apiKeys.list(caller);
		assertThat(keys).extracting(ApiKeyView::name).containsExactly("Newer", "Older");
		assertThat(keys).extracting(ApiKeyView::active).containsExactly(true, false);
		assertThat(this.apiKeys.get(caller, newer.key().id()).name()).isEqualTo("Newer");
		assertThat(this.apiKeys.list(this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"))))
			.isEmpty();
	}

	@Test
	void getWhenKeyOfAnotherTenantOrUnknownThenNotFound() {
		AuthPrincipal owner = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		AuthPrincipal stranger = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "admin"));
		CreatedApiKey key = this.apiKeys.create(owner, "Mine", READ, null, ClientInfo.NONE);
		assertThatExceptionOfType(ApiKeyNotFoundException.class)
			.isThrownBy(() -> this.apiKeys.get(stranger, key.key().id()))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("API key not found"));
		assertThatExceptionOfType(ApiKeyNotFoundException.class)
			.isThrownBy(() -> this.apiKeys.get(owner, UUID.randomUUID()));
	}

	@Test
	void revokeWhenOwnKeyThenIdempotentAuditedAndKeyStopsWorking() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		AuthPrincipal caller = this.fixtures.principal(user);
		CreatedApiKey key = this.apiKeys.create(caller, "Revoked", READ, null, ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext())).isPresent();
		this.apiKeys.revoke(caller, key.key().id(), ClientInfo.NONE);
		this.apiKeys.revoke(caller, key.key().id(), ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext())).isEmpty();
		assertThat(this.fixtures.auditCount("api_key_revoke", user.id())).isEqualTo(2);
	}

	@Test
	void revokeWhenKeyOfAnotherTenantThenNotFoundEvenForSuperuserAndKeyKeepsWorking() {
		AuthPrincipal owner = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey key = this.apiKeys.create(owner, "Theirs", READ, null, ClientInfo.NONE);
		AuthPrincipal superuser = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), true, "admin"));
		assertThatExceptionOfType(ApiKeyNotFoundException.class)
			.isThrownBy(() -> this.apiKeys.revoke(superuser, key.key().id(), ClientInfo.NONE))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("API key not found"));
		assertThatExceptionOfType(ApiKeyNotFoundException.class)
			.isThrownBy(() -> this.apiKeys.revoke(owner, UUID.randomUUID(), ClientInfo.NONE));
		assertThat(this.verifier.verify(key.plaintext())).isPresent();
		assertThat(this.revokedTokens.isRevoked("apikey:" + Sha256.hex(key.plaintext()))).isFalse();
	}

	@Test
	void revokeWhenOwnKeyThenOnTheDenyListUntilItsExpiryAtMost24Hours() {
		AuthPrincipal owner = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey forever = this.apiKeys.create(owner, "Forever", READ, null, ClientInfo.NONE);
		this.apiKeys.revoke(owner, forever.key().id(), ClientInfo.NONE);
		assertThat(this.revokedTokens.isRevoked("apikey:" + Sha256.hex(forever.plaintext()))).isTrue();
		assertThat(denyListExpiry(forever)).isBetween(Instant.now().plus(Duration.ofHours(23)),
				Instant.now().plus(Duration.ofHours(24)));
		CreatedApiKey expiring = this.apiKeys.create(owner, "Expiring", READ, 1, ClientInfo.NONE);
		this.fixtures.admin()
			.sql("UPDATE auth.api_keys SET expires_at = now() + interval '1 hour' WHERE id = :id")
			.param("id", expiring.key().id())
			.update();
		this.apiKeys.revoke(owner, expiring.key().id(), ClientInfo.NONE);
		assertThat(denyListExpiry(expiring)).isBefore(Instant.now().plus(Duration.ofMinutes(61)));
	}

	@Test
	void verifyWhenUserBoundKeyThenOwnerPermissionsNarrowedToScopes() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		AuthPrincipal caller = this.fixtures.principal(user);
		CreatedApiKey scoped = this.apiKeys.create(caller, "Scoped", List.of("agents:read", "schedules:read"), null,
				ClientInfo.NONE);
		AuthPrincipal viaScoped = this.verifier.verify(scoped.plaintext()).orElseThrow();
		assertThat(viaScoped.userId()).isEqualTo(user.id().toString());
		assertThat(viaScoped.tenantId()).isEqualTo(user.tenantId().toString());
		assertThat(viaScoped.email()).isEqualTo(user.email());
		assertThat(viaScoped.roles()).containsExactly("api-key");
		assertThat(viaScoped.permissions()).containsExactly("agents:read", "schedules:read");
		assertThat(viaScoped.authType()).isEqualTo(AuthType.API_KEY);
		assertThat(viaScoped.keyId()).isEqualTo(scoped.key().id().toString());
		assertThat(this.fixtures.admin()
			.sql("SELECT last_used_at IS NOT NULL FROM auth.api_keys WHERE id = :id")
			.param("id", scoped.key().id())
			.query(Boolean.class)
			.single()).isTrue();
		// stored before scopes were checked: a scope the owner lacks is not held
		String legacy = legacyKey(user.tenantId(), user.id(), "{agents:read,webhooks:manage}");
		assertThat(this.verifier.verify(legacy).orElseThrow().permissions()).containsExactly("agents:read");
	}

	@Test
	void verifyWhenKeyStoredWithoutScopesThenNoPermissions() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "admin");
		String legacy = legacyKey(user.tenantId(), user.id(), "{}");
		AuthPrincipal principal = this.verifier.verify(legacy).orElseThrow();
		assertThat(principal.permissions()).isEmpty();
		assertThat(principal.superuser()).isFalse();
	}

	@Test
	void verifyWhenSuperusersKeyThenItsScopesAndNeverTheSuperuserFlag() {
		Fixtures.User superuser = this.fixtures.user(this.fixtures.tenant(), true);
		CreatedApiKey key = this.apiKeys.create(this.fixtures.principal(superuser), "Super",
				List.of("tenants:manage", "api_keys:manage"), null, ClientInfo.NONE);
		AuthPrincipal principal = this.verifier.verify(key.plaintext()).orElseThrow();
		assertThat(principal.superuser()).isFalse();
		assertThat(principal.permissions()).containsExactly("tenants:manage", "api_keys:manage");
		assertThatExceptionOfType(ApiKeyForbiddenException.class)
			.isThrownBy(() -> this.apiKeys.create(principal, "Wider", List.of("users:manage"), null, ClientInfo.NONE));
		assertThat(this.verifier.verify(legacyKey(superuser.tenantId(), superuser.id(), "{}")).orElseThrow())
			.satisfies((legacy) -> {
				assertThat(legacy.superuser()).isFalse();
				assertThat(legacy.permissions()).isEmpty();
			});
	}

	@Test
	void verifyWhenServiceKeyThenApiKeyUserWithScopesAndAuditWithoutUser() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		String parentKey = legacyKey(tenant.id(), null, "{agents:read,costs:read,api_keys:manage,bogus}");
		AuthPrincipal service = this.verifier.verify(parentKey).orElseThrow();
		assertThat(service.permissions()).containsExactly("agents:read", "costs:read", "api_keys:manage");
		CreatedApiKey key = this.apiKeys.create(service, "Service", List.of("agents:read", "costs:read"), null,
				ClientInfo.NONE);
		assertThat(key.key().parentKeyId()).isEqualTo(service.keyUuid().orElseThrow());
		assertThat(key.key().userId()).isNull();
		AuthPrincipal principal = this.verifier.verify(key.plaintext()).orElseThrow();
		assertThat(principal.userId()).isEqualTo("api-key");
		assertThat(principal.email()).isEqualTo("api-key@system");
		assertThat(principal.permissions()).containsExactly("agents:read", "costs:read");
		assertThat(principal.superuser()).isFalse();
		long audits = this.fixtures.admin()
			.sql("SELECT count(*) FROM auth.audit_log WHERE action = 'api_key_create' AND user_id IS NULL "
					+ "AND resource_id = :id")
			.param("id", key.key().id().toString())
			.query(Long.class)
			.single();
		assertThat(audits).isOne();
		// events are sent as a user: a user-less key's creation is audited only
		assertThat(this.fixtures.events(tenant.id())).isEmpty();
		assertThatExceptionOfType(ApiKeyForbiddenException.class)
			.isThrownBy(() -> this.apiKeys.create(service, "Wider", List.of("agents:execute"), null, ClientInfo.NONE));
	}

	@Test
	void createWhenParentRevokedMeanwhileThenRefusedAndNothingStored() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		AuthPrincipal owner = this.fixtures.principal(user);
		CreatedApiKey parent = this.apiKeys.create(owner, "Parent", List.of("agents:read", "api_keys:manage"), null,
				ClientInfo.NONE);
		AuthPrincipal viaParent = this.verifier.verify(parent.plaintext()).orElseThrow();
		this.apiKeys.revoke(owner, parent.key().id(), ClientInfo.NONE);
		assertThatExceptionOfType(BadCredentialsException.class)
			.isThrownBy(() -> this.apiKeys.create(viaParent, "Orphan", READ, null, ClientInfo.NONE));
		assertThat(this.apiKeys.list(owner)).extracting(ApiKeyView::name).containsExactly("Parent");
	}

	@Test
	void verifyWhenExpiredUnknownMalformedOrTenantInactiveThenEmpty() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(tenant, "viewer"));
		CreatedApiKey expiring = this.apiKeys.create(caller, "Expiring", READ, 1, ClientInfo.NONE);
		CreatedApiKey other = this.apiKeys.create(caller, "Other", READ, null, ClientInfo.NONE);
		this.fixtures.admin()
			.sql("UPDATE auth.api_keys SET expires_at = now() - interval '1 second' WHERE id = :id")
			.param("id", expiring.key().id())
			.update();
		assertThat(this.verifier.verify(expiring.plaintext())).isEmpty();
		assertThat(this.verifier.verify("sk_" + "0".repeat(64))).isEmpty();
		assertThat(this.verifier.verify("not-a-valid-key")).isEmpty();
		assertThat(this.verifier.verify("")).isEmpty();
		assertThat(this.verifier.verify(other.plaintext())).isPresent();
		// a tenant is deactivated in the database: its keys' cached verdicts expire
		// within
		// the cache time
		this.fixtures.admin()
			.sql("UPDATE auth.tenants SET is_active = false WHERE id = :id")
			.param("id", tenant.id())
			.update();
		assertThat(this.database.verdictOn(other.plaintext()).valid()).isFalse();
	}

	@Test
	void verifyWhenOwnerDeactivatedThenEmpty() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		CreatedApiKey key = this.apiKeys.create(this.fixtures.principal(user), "Owner gone", READ, null,
				ClientInfo.NONE);
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", user.id())
			.update();
		assertThat(this.verifier.verify(key.plaintext())).isEmpty();
	}

	/** Seconds the cached verdict on a key has left, or a negative number without one. */
	private long cacheSeconds(String plaintext) {
		return Objects.requireNonNull(
				this.redis.getExpire(this.redisKeys.key(io.temponest.security.apikey.ApiKeys.cacheKey(plaintext))));
	}

	/** A key row written directly, as keys were stored before scopes were checked. */
	private String legacyKey(UUID tenantId, UUID userId, String scopes) {
		String key = "sk_" + UUID.randomUUID().toString().replace("-", "")
				+ UUID.randomUUID().toString().replace("-", "");
		this.fixtures.admin()
			.sql("""
					INSERT INTO auth.api_keys (key_hash, key_prefix, name, tenant_id, user_id, scopes)
					VALUES (:hash, :prefix, 'Legacy', :tenantId, :userId, CAST(:scopes AS text[]))
					""")
			.param("hash", Sha256.hex(key))
			.param("prefix", key.substring(0, 12))
			.param("tenantId", tenantId)
			.param("userId", userId)
			.param("scopes", scopes)
			.update();
		return key;
	}

	private Instant denyListExpiry(CreatedApiKey key) {
		String set = this.redisKeys.key(RedisRevokedTokens.SET_NAME);
		String entry = "apikey:" + Sha256.hex(key.plaintext());
		Double score = await().atMost(Duration.ofSeconds(5))
			.until(() -> this.redis.opsForZSet().score(set, entry), Objects::nonNull);
		return Instant.ofEpochSecond(score.longValue());
	}

}
