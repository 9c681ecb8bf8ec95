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
import io.temponest.events.EventLevel;
import io.temponest.events.EventOutbox;
import io.temponest.events.PlatformEvent;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.RevokedTokens;
import io.temponest.security.apikey.CachingApiKeyVerifier;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;

/**
 * API keys of the caller's tenant: create (the key is shown once), list, get and revoke.
 * Every operation runs in the caller's tenant, so another tenant's key is "not found". A
 * key holds at most what its creator holds; a key created with a key records it as its
 * parent, expires no later than it and is revoked with it. Revocations are put on the
 * deny-list that every service's verifier consults. Creations and revocations by a user
 * are published as platform events ({@code api_key.created}, {@code api_key.revoked}) in
 * the same transaction; those of a user-less key are audited only (an event is sent as
 * its user).
 */
@Service
public class ApiKeys {

	/** Most scopes a key may carry. */
	public static final int MAX_SCOPES = 50;

	/** Longest accepted scope. */
	public static final int MAX_SCOPE_LENGTH = 100;

	/** Longest accepted lifetime in days (ten years). */
	public static final int MAX_EXPIRY_DAYS = 3650;

	/**
	 * How long a revoked key stays on the deny-list at most (less when the key expires
	 * sooner): far beyond any cached verdict (30 s), so verifiers never fall back on one.
	 */
	static final Duration DENY_LIST_TTL = Duration.ofHours(24);

	private final ApiKeyStore store;

	private final ApiKeyGenerator generator;

	private final ScopeNames scopeNames;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final CachingApiKeyVerifier verifier;

	private final RevokedTokens revokedTokens;

	private final EventOutbox events;

	ApiKeys(ApiKeyStore store, ApiKeyGenerator generator, ScopeNames scopeNames, AuditLog audit,
			TenantTransactions transactions, CachingApiKeyVerifier verifier, RevokedTokens revokedTokens,
			EventOutbox events) {
		this.store = store;
		this.generator = generator;
		this.scopeNames = scopeNames;
		this.audit = audit;
		this.transactions = transactions;
		this.verifier = verifier;
		this.revokedTokens = revokedTokens;
		this.events = events;
	}

	/**
	 * Create a key for the caller's tenant, bound to the caller's user (none for a
	 * user-less key caller). A key caller becomes the new key's parent.
	 * @param caller the authenticated caller
	 * @param name the key's name (validated by the web layer)
	 * @param scopes the permissions the key holds: at least one, each a permission name
	 * (or its {@code action:resource} alias) that the caller holds
	 * @param expiresInDays lifetime in days, or {@code null} for a key that never expires
	 * (or expires with its parent)
	 * @param client where the request came from
	 * @return the stored key and, this once, the key itself
	 * @throws InvalidApiKeyRequestException expiry not in 1..3650 days, or missing,
	 * malformed or unknown scopes
	 * @throws ApiKeyForbiddenException a scope the caller does not hold
	 */
	public CreatedApiKey create(AuthPrincipal caller, String name, List<String> scopes, @Nullable Integer expiresInDays,
			ClientInfo client) {
		validate(scopes, expiresInDays);
		List<String> canonical = this.scopeNames.canonical(scopes);
		if (!caller.superuser() && !caller.permissions().containsAll(canonical)) {
			throw new ApiKeyForbiddenException();
		}
		UUID parentKeyId = parentOf(caller);
		Instant requestedExpiry = (expiresInDays != null) ? Instant.now().plus(Duration.ofDays(expiresInDays)) : null;
		ApiKeyGenerator.GeneratedKey key = this.generator.generate();
		UUID tenantId = caller.tenantUuid();
		UUID userId = caller.userUuid().orElse(null);
		ApiKeyView view = this.transactions.write(tenantId, () -> {
			Instant expiresAt = requestedExpiry;
			if (parentKeyId != null) {
				ApiKeyStore.ParentKey parent = this.store.lockUsable(parentKeyId)
					.orElseThrow(() -> new BadCredentialsException("The calling API key is no longer valid"));
				expiresAt = earliest(requestedExpiry, parent.expiresAt());
			}
			ApiKeyView created = this.store.insert(tenantId, userId, parentKeyId, key, name, canonical, expiresAt);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("name", name);
			details.put("scopes", canonical);
			if (parentKeyId != null) {
				details.put("parent_key_id", parentKeyId.toString());
			}
			this.audit.record(AuditEvent.of(tenantId, userId, "api_key_create")
				.on("api_key", created.id())
				.with(details)
				.from(client));
			if (userId != null) {
				Map<String, Object> event = new LinkedHashMap<>();
				event.put("name", name);
				event.put("prefix", created.keyPrefix());
				event.put("permissions", canonical);
				this.events.publish(new PlatformEvent("api_key.created", tenantId, userId, EventLevel.SUCCESS,
						"api_key", created.id().toString(), "API key \"" + name + "\" created", event));
			}
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
	 * Revoke a key of the caller's tenant and every key created with it, directly or not
	 * (idempotent; the key is audited every time, each descendant when it is revoked),
	 * and put them on the deny-list.
	 * @param caller the authenticated caller
	 * @param keyId the key id
	 * @param client where the request came from
	 * @throws ApiKeyNotFoundException no key has that id in the caller's tenant
	 */
	public void revoke(AuthPrincipal caller, UUID keyId, ClientInfo client) {
		UUID tenantId = caller.tenantUuid();
		UUID userId = caller.userUuid().orElse(null);
		List<ApiKeyStore.RevokedKey> revoked = this.transactions.write(tenantId, () -> {
			List<ApiKeyStore.RevokedKey> keys = this.store.revokeWithDescendants(keyId);
			if (keys.isEmpty()) {
				throw new ApiKeyNotFoundException();
			}
			for (ApiKeyStore.RevokedKey key : keys) {
				boolean requested = key.id().equals(keyId);
				if (requested) {
					this.audit
						.record(AuditEvent.of(tenantId, userId, "api_key_revoke").on("api_key", key.id()).from(client));
				}
				else if (key.wasActive()) {
					this.audit.record(AuditEvent.of(tenantId, userId, "api_key_revoke")
						.on("api_key", key.id())
						.with(Map.of("revoked_with", keyId.toString()))
						.from(client));
				}
				if (userId != null && key.wasActive()) {
					Map<String, Object> event = new LinkedHashMap<>();
					event.put("name", key.name());
					event.put("prefix", key.prefix());
					if (!requested) {
						event.put("revoked_with", keyId.toString());
					}
					this.events.publish(new PlatformEvent("api_key.revoked", tenantId, userId, EventLevel.WARN,
							"api_key", key.id().toString(), "API key \"" + key.name() + "\" revoked", event));
				}
			}
			return keys;
		});
		Instant denyUntil = Instant.now().plus(DENY_LIST_TTL);
		for (ApiKeyStore.RevokedKey key : revoked) {
			String entry = io.temponest.security.apikey.ApiKeys.cacheKeyOfHash(key.hash());
			this.revokedTokens.revoke(entry, earliest(denyUntil, key.expiresAt()));
			this.verifier.forget(entry);
		}
	}

	/** The key a key caller authenticated with, or {@code null} for other callers. */
	private static @Nullable UUID parentOf(AuthPrincipal caller) {
		if (caller.authType() != AuthType.API_KEY) {
			return null;
		}
		return caller.keyUuid()
			.orElseThrow(() -> new AccessDeniedException("An API key caller without a key id cannot create keys"));
	}

	private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

	private static void validate(List<String> scopes, @Nullable Integer expiresInDays) {
		if (expiresInDays != null && (expiresInDays <= 0 || expiresInDays > MAX_EXPIRY_DAYS)) {
			throw new InvalidApiKeyRequestException(
					"expires_in_days must be between 1 and " + MAX_EXPIRY_DAYS + ", or null for no expiry");
		}
		if (scopes.isEmpty()) {
			throw new InvalidApiKeyRequestException("scopes", "must not be empty");
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
