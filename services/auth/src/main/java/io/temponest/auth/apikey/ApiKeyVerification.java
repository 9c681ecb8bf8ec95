package io.temponest.auth.apikey;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.temponest.security.Sha256;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.Roles;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.apikey.ApiKeyVerdict;
import io.temponest.security.apikey.ApiKeyVerdictSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Judges API keys from the database: the auth service's {@link ApiKeyVerdictSource}, so
 * the shared library's cached verifier asks it instead of the auth service's own HTTP API
 * (and {@link ApiKeyVerdicts} evicts what changes invalidate). A key is valid when it is
 * active, unexpired, its tenant is active and its owner (if any) is active. It acts with
 * those of its scopes that its owner holds (a superuser owner holds every permission; a
 * user-less key's owner is the tenant, holding every permission), so a key stored without
 * scopes holds nothing. A key's principal is never a superuser and carries the key's id.
 */
@Component
class ApiKeyVerification implements ApiKeyVerdictSource {

	private static final int MAX_KEY_LENGTH = 200;

	private final JdbcClient jdbc;

	private final ApiKeyStore store;

	private final RoleGrants grants;

	private final TenantTransactions transactions;

	private final ScopeNames scopeNames;

	ApiKeyVerification(JdbcClient jdbc, ApiKeyStore store, RoleGrants grants, TenantTransactions transactions,
			ScopeNames scopeNames) {
		this.jdbc = jdbc;
		this.store = store;
		this.grants = grants;
		this.transactions = transactions;
		this.scopeNames = scopeNames;
	}

	@Override
	public ApiKeyVerdict verdictOn(String apiKey) {
		if (apiKey == null || apiKey.isEmpty() || apiKey.length() > MAX_KEY_LENGTH) {
			return ApiKeyVerdict.INVALID;
		}
		return this.jdbc.sql("SELECT key_id, tenant_id FROM auth.find_api_key(:hash)")
			.param("hash", Sha256.hex(apiKey))
			.query((rs, row) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.optional()
			.map((found) -> this.transactions.write(found.tenantId(), () -> verdict(found)))
			.orElse(ApiKeyVerdict.INVALID);
	}

	private ApiKeyVerdict verdict(Found found) {
		ApiKeyStore.KeyOwner owner = this.store.owner(found.keyId()).orElse(null);
		if (owner == null) {
			return ApiKeyVerdict.INVALID;
		}
		String tenantId = found.tenantId().toString();
		String keyId = found.keyId().toString();
		List<String> roles = List.of(Roles.API_KEY);
		AuthPrincipal principal;
		if (owner.userId() == null) {
			principal = new AuthPrincipal(AuthPrincipal.SERVICE_KEY_USER, tenantId, AuthPrincipal.SERVICE_KEY_EMAIL,
					roles, held(owner.scopes(), this.scopeNames.known()), false, AuthType.API_KEY, keyId);
		}
		else {
			if (!owner.userActive() || owner.email() == null) {
				return ApiKeyVerdict.INVALID;
			}
			// a superuser holds every permission; its key holds its scopes, not the flag
			Collection<String> ownerHolds = owner.superuser() ? this.scopeNames.known()
					: this.grants.permissionsOf(owner.userId());
			principal = new AuthPrincipal(owner.userId().toString(), tenantId, owner.email(), roles,
					held(owner.scopes(), ownerHolds), false, AuthType.API_KEY, keyId);
		}
		this.store.touch(found.keyId());
		return ApiKeyVerdict.validUntil(principal, owner.expiresAt());
	}

	/** The scopes the owner holds; none for a key stored without scopes. */
	private static List<String> held(List<String> scopes, Collection<String> ownerHolds) {
		return scopes.stream().filter(ownerHolds::contains).distinct().toList();
	}

	/** A key found by its hash. */
	private record Found(UUID keyId, UUID tenantId) {

	}

}
