package io.temponest.auth.apikey;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.Sha256;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.Roles;
import io.temponest.security.ApiKeyVerifier;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Verifies API keys against the database (the auth service's own {@link ApiKeyVerifier},
 * so the shared library's remote verifier backs off here). A key authenticates when it is
 * active, unexpired, its tenant is active and its owner (if any) is active. It acts with
 * those of its scopes that its owner holds (a superuser owner holds every permission; a
 * user-less key's owner is the tenant, holding every permission), so a key stored without
 * scopes holds nothing. A key's principal is never a superuser and carries the key's id.
 */
@Component
public class ApiKeyVerification implements ApiKeyVerifier {

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
	public Optional<AuthPrincipal> verify(String apiKey) {
		if (apiKey == null || apiKey.isEmpty() || apiKey.length() > MAX_KEY_LENGTH) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT key_id, tenant_id FROM auth.find_api_key(:hash)")
			.param("hash", Sha256.hex(apiKey))
			.query((rs, row) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.optional()
			.flatMap((found) -> this.transactions.write(found.tenantId(), () -> principal(found)));
	}

	private Optional<AuthPrincipal> principal(Found found) {
		Optional<ApiKeyStore.KeyOwner> usable = this.store.owner(found.keyId());
		if (usable.isEmpty()) {
			return Optional.empty();
		}
		ApiKeyStore.KeyOwner owner = usable.get();
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
				return Optional.empty();
			}
			// a superuser holds every permission; its key holds its scopes, not the flag
			Collection<String> ownerHolds = owner.superuser() ? this.scopeNames.known()
					: this.grants.permissionsOf(owner.userId());
			principal = new AuthPrincipal(owner.userId().toString(), tenantId, owner.email(), roles,
					held(owner.scopes(), ownerHolds), false, AuthType.API_KEY, keyId);
		}
		this.store.touch(found.keyId());
		return Optional.of(principal);
	}

	/** The scopes the owner holds; none for a key stored without scopes. */
	private static List<String> held(List<String> scopes, Collection<String> ownerHolds) {
		return scopes.stream().filter(ownerHolds::contains).distinct().toList();
	}

	/** A key found by its hash. */
	private record Found(UUID keyId, UUID tenantId) {

	}

}
