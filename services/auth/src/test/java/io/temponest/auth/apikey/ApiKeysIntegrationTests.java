package io.temponest.auth.apikey;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.support.Sha256;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Creating, listing, revoking and verifying API keys. */
@AuthIntegrationTest
class ApiKeysIntegrationTests {

	@Autowired
	private ApiKeys apiKeys;

	@Autowired
	private ApiKeyVerifier verifier;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private ApiKeyStore store;

	@Test
	void verifierBeanWhenContextStartsThenIsTheDatabaseVerifier() {
		assertThat(this.verifier).isInstanceOf(ApiKeyVerification.class);
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
				List.of("agents:read", "workflows:create"), 30, ClientInfo.NONE);
		String key = created.plaintext();
		assertThat(key).startsWith("sk_").hasSize(67).matches("sk_[0-9a-f]{64}");
		assertThat(created.key().keyPrefix()).isEqualTo(key.substring(0, 12));
		assertThat(created.key().scopes()).containsExactly("agents:read", "workflows:create");
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
		assertThat((String) audit.get("details")).contains("\"name\": \"CI key\"").contains("workflows:create");
		assertThat(this.apiKeys.create(this.fixtures.principal(user), "Other", List.of(), null, ClientInfo.NONE)
			.plaintext()).isNotEqualTo(key);
	}

	@Test
	void createWhenNoExpiryThenNeverExpiresAndNonPositiveExpiryRejected() {
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		assertThat(this.apiKeys.create(caller, "Forever", List.of(), null, ClientInfo.NONE).key().expiresAt()).isNull();
		assertThatExceptionOfType(InvalidApiKeyRequestException.class)
			.isThrownBy(() -> this.apiKeys.create(caller, "Zero", List.of(), 0, ClientInfo.NONE));
		assertThatExceptionOfType(InvalidApiKeyRequestException.class)
			.isThrownBy(() -> this.apiKeys.create(caller, "Negative", List.of(), -1, ClientInfo.NONE));
	}

	@Test
	void listWhenKeysExistThenOwnTenantsNewestFirstIncludingRevoked() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(tenant, "viewer"));
		AuthPrincipal stranger = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey older = this.apiKeys.create(caller, "Older", List.of(), null, ClientInfo.NONE);
		CreatedApiKey newer = this.apiKeys.create(caller, "Newer", List.of(), null, ClientInfo.NONE);
		this.apiKeys.create(stranger, "Stranger", List.of(), null, ClientInfo.NONE);
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
		CreatedApiKey key = this.apiKeys.create(owner, "Mine", List.of(), null, ClientInfo.NONE);
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
		CreatedApiKey key = this.apiKeys.create(caller, "Revoked", List.of(), null, ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext())).isPresent();
		this.apiKeys.revoke(caller, key.key().id(), ClientInfo.NONE);
		this.apiKeys.revoke(caller, key.key().id(), ClientInfo.NONE);
		assertThat(this.verifier.verify(key.plaintext())).isEmpty();
		assertThat(this.fixtures.auditCount("api_key_revoke", user.id())).isEqualTo(2);
	}

	@Test
	void revokeWhenKeyOfAnotherTenantThen403EvenForSuperuserAndUnknownThen404() {
		AuthPrincipal owner = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), "viewer"));
		CreatedApiKey key = this.apiKeys.create(owner, "Theirs", List.of(), null, ClientInfo.NONE);
		AuthPrincipal superuser = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), true, "admin"));
		assertThatExceptionOfType(ApiKeyForbiddenException.class)
			.isThrownBy(() -> this.apiKeys.revoke(superuser, key.key().id(), ClientInfo.NONE))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail())
				.isEqualTo("Cannot revoke API key from another tenant"));
		assertThatExceptionOfType(ApiKeyNotFoundException.class)
			.isThrownBy(() -> this.apiKeys.revoke(owner, UUID.randomUUID(), ClientInfo.NONE));
		assertThat(this.verifier.verify(key.plaintext())).isPresent();
	}

	@Test
	void verifyWhenUserBoundKeyThenOwnerPermissionsNarrowedToScopes() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		AuthPrincipal caller = this.fixtures.principal(user);
		CreatedApiKey scoped = this.apiKeys.create(caller, "Scoped", List.of("agents:read", "webhooks:manage"), null,
				ClientInfo.NONE);
		CreatedApiKey unscoped = this.apiKeys.create(caller, "Unscoped", List.of(), null, ClientInfo.NONE);
		AuthPrincipal viaScoped = this.verifier.verify(scoped.plaintext()).orElseThrow();
		assertThat(viaScoped.userId()).isEqualTo(user.id().toString());
		assertThat(viaScoped.tenantId()).isEqualTo(user.tenantId().toString());
		assertThat(viaScoped.email()).isEqualTo(user.email());
		assertThat(viaScoped.roles()).containsExactly("api-key");
		assertThat(viaScoped.permissions()).containsExactly("agents:read");
		assertThat(viaScoped.authType()).isEqualTo(AuthType.API_KEY);
		assertThat(this.verifier.verify(unscoped.plaintext()).orElseThrow().permissions())
			.containsExactlyInAnyOrderElementsOf(caller.permissions());
		assertThat(this.fixtures.admin()
			.sql("SELECT last_used_at IS NOT NULL FROM auth.api_keys WHERE id = :id")
			.param("id", scoped.key().id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void verifyWhenServiceKeyThenApiKeyUserWithScopesAndAuditWithoutUser() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		AuthPrincipal service = new AuthPrincipal(AuthPrincipal.SERVICE_KEY_USER, tenant.id().toString(),
				AuthPrincipal.SERVICE_KEY_EMAIL, List.of("api-key"), List.of("agents:read"), false, AuthType.API_KEY);
		CreatedApiKey key = this.apiKeys.create(service, "Service", List.of("agents:read", "costs:read"), null,
				ClientInfo.NONE);
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
	}

	@Test
	void verifyWhenExpiredUnknownMalformedOrTenantInactiveThenEmpty() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		AuthPrincipal caller = this.fixtures.principal(this.fixtures.user(tenant, "viewer"));
		CreatedApiKey expiring = this.apiKeys.create(caller, "Expiring", List.of(), 1, ClientInfo.NONE);
		CreatedApiKey other = this.apiKeys.create(caller, "Other", List.of(), null, ClientInfo.NONE);
		this.fixtures.admin()
			.sql("UPDATE auth.api_keys SET expires_at = now() - interval '1 second' WHERE id = :id")
			.param("id", expiring.key().id())
			.update();
		assertThat(this.verifier.verify(expiring.plaintext())).isEmpty();
		assertThat(this.verifier.verify("sk_" + "0".repeat(64))).isEmpty();
		assertThat(this.verifier.verify("not-a-valid-key")).isEmpty();
		assertThat(this.verifier.verify("")).isEmpty();
		assertThat(this.verifier.verify(other.plaintext())).isPresent();
		this.fixtures.admin()
			.sql("UPDATE auth.tenants SET is_active = false WHERE id = :id")
			.param("id", tenant.id())
			.update();
		assertThat(this.verifier.verify(other.plaintext())).isEmpty();
	}

	@Test
	void verifyWhenOwnerDeactivatedThenEmpty() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		CreatedApiKey key = this.apiKeys.create(this.fixtures.principal(user), "Owner gone", List.of(), null,
				ClientInfo.NONE);
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", user.id())
			.update();
		assertThat(this.verifier.verify(key.plaintext())).isEmpty();
	}

}
