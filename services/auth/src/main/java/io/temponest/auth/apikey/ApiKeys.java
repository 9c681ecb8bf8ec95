package io.temponest.auth.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.cache.JsonCache;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API keys of the caller's tenant: create (the key is shown once), list, get and revoke.
 * Every operation runs in the caller's tenant; another tenant's key is "not found",
 * except that revoking it answers 403 as the original did.
 */
@Service
public class ApiKeys {

	/** Most scopes a key may carry. */
	public static final int MAX_SCOPES = 50;

	/** Longest accepted scope. */
	public static final int MAX_SCOPE_LENGTH = 100;

	/** Longest accepted lifetime in days (ten years). */
	public static final int MAX_EXPIRY_DAYS = 3650;

	private final ApiKeyStore store;

	private final ApiKeyGenerator generator;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final JdbcClient jdbc;

	private final JsonCache cache;

	ApiKeys(ApiKeyStore store, ApiKeyGenerator generator, AuditLog audit, TenantTransactions transactions,
			JdbcClient jdbc, JsonCache cache) {
		this.store = store;
		this.generator = generator;
		this.audit = audit;
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.cache = cache;
	}

	/**
	 * Create a key for the caller's tenant, bound to the caller's user (none for a
	 * user-less key caller).
	 * @param caller the authenticated caller
	 * @param name the key's name (validated by the web layer)
	 * @param scopes the scopes (free-form; they narrow the owner's permissions)
	 * @param expiresInDays lifetime in days, or {@code null} for a key that never expires
	 * @param client where the request came from
	 * @return the stored key and, this once, the key itself
	 * @throws InvalidApiKeyRequestException expiry not in 1..3650 days, or bad scopes
	 */
	public CreatedApiKey create(AuthPrincipal caller, String name, List<String> scopes, @Nullable Integer expiresInDays,
			ClientInfo client) {
		validate(scopes, expiresInDays);
		Instant expiresAt = (expiresInDays != null) ? Instant.now().plus(Duration.ofDays(expiresInDays)) : null;
		ApiKeyGenerator.GeneratedKey key = this.generator.generate();
		UUID tenantId = caller.tenantUuid();
		UUID userId = caller.userUuid().orElse(null);
		ApiKeyView view = this.transactions.write(tenantId, () -> {
			ApiKeyView created = this.store.insert(tenantId, userId, key, name, scopes, expiresAt);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("name", name);
			details.put("scopes", scopes);
			this.audit.record(AuditEvent.of(tenantId, userId, "api_key_create")
				.on("api_key", created.id())
				.with(details)
				.from(client));
			return created;
		});
		return new CreatedApiKey(view, key.plaintext());
	}

	/**
	 * Every key of the caller's tenant, newest first, including revoked and expired ones.
	 * @param caller the authenticated caller
	 * @return the keys
	 */
	public List<ApiKeyView> list(AuthPrincipal caller) {
		UUID tenantId = caller.tenantUuid();
		return this.transactions.read(tenantId, () -> this.store.list(tenantId));
	}

	/**
	 * One key of the caller's tenant.
	 * @param caller the authenticated caller
	 * @param keyId the key id
	 * @return the key
	 * @throws ApiKeyNotFoundException no such key in the caller's tenant
	 */
	public ApiKeyView get(AuthPrincipal caller, UUID keyId) {
		return this.transactions.read(caller.tenantUuid(), () -> this.store.find(keyId))
			.orElseThrow(ApiKeyNotFoundException::new);
	}

	/**
	 * Revoke a key of the caller's tenant (idempotent; audited every time).
	 * @param caller the authenticated caller
	 * @param keyId the key id
	 * @param client where the request came from
	 * @throws ApiKeyNotFoundException no key has that id
	 * @throws ApiKeyForbiddenException the key belongs to another tenant
	 */
	public void revoke(AuthPrincipal caller, UUID keyId, ClientInfo client) {
		UUID tenantId = caller.tenantUuid();
		UUID owner = this.jdbc.sql("SELECT auth.find_api_key_tenant(:id)")
			.param("id", keyId)
			.query(UUID.class)
			.optional()
			.orElseThrow(ApiKeyNotFoundException::new);
		if (!owner.equals(tenantId)) {
			throw new ApiKeyForbiddenException();
		}
		String hash = this.transactions.write(tenantId, () -> {
			String revoked = this.store.revoke(keyId).orElseThrow(ApiKeyNotFoundException::new);
			this.audit.record(AuditEvent.of(tenantId, caller.userUuid().orElse(null), "api_key_revoke")
				.on("api_key", keyId)
				.from(client));
			return revoked;
		});
		// verifiers elsewhere cache verdicts for 30 s under this key
		this.cache.evict("apikey:" + hash);
	}

	private static void validate(List<String> scopes, @Nullable Integer expiresInDays) {
		if (expiresInDays != null && (expiresInDays <= 0 || expiresInDays > MAX_EXPIRY_DAYS)) {
			throw new InvalidApiKeyRequestException(
					"expires_in_days must be between 1 and " + MAX_EXPIRY_DAYS + ", or null for no expiry");
		}
		if (scopes.size() > MAX_SCOPES) {
			throw new InvalidApiKeyRequestException("At most " + MAX_SCOPES + " scopes are allowed");
		}
		for (String scope : scopes) {
			if (scope == null || scope.isBlank() || scope.length() > MAX_SCOPE_LENGTH) {
				throw new InvalidApiKeyRequestException(
						"Scopes must be non-blank and at most " + MAX_SCOPE_LENGTH + " characters long");
			}
		}
	}

}
