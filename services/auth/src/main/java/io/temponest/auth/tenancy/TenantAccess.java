package io.temponest.auth.tenancy;

import java.util.Optional;
import java.util.UUID;

import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.Roles;
import io.temponest.security.AuthPrincipal;

import org.springframework.stereotype.Component;

/**
 * Who may manage or read a tenant's members: a superuser anywhere; otherwise only inside
 * the caller's own tenant, an admin (by its current roles, holding {@code users:manage})
 * to manage, anyone holding {@code users:read} to read.
 */
@Component
class TenantAccess {

	static final String USERS_MANAGE = "users:manage";

	static final String USERS_READ = "users:read";

	private final RoleGrants grants;

	TenantAccess(RoleGrants grants) {
		this.grants = grants;
	}

	/** Call inside the tenant's transaction: the caller's roles are read there. */
	void requireAdmin(AuthPrincipal caller, UUID tenantId) {
		if (caller.superuser()) {
			return;
		}
		Optional<UUID> userId = caller.userUuid();
		boolean admin = caller.tenantUuid().equals(tenantId) && caller.can(USERS_MANAGE) && userId.isPresent()
				&& this.grants.rolesOf(userId.get()).contains(Roles.ADMIN);
		if (!admin) {
			throw new TenantAccessDeniedException();
		}
	}

	void requireReader(AuthPrincipal caller, UUID tenantId) {
		if (!caller.superuser() && !(caller.tenantUuid().equals(tenantId) && caller.can(USERS_READ))) {
			throw new TenantAccessDeniedException();
		}
	}

}
