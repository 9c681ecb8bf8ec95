package io.temponest.auth.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.apikey.ApiKeyVerdicts;
import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.refresh.RefreshTokens;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.Roles;
import io.temponest.auth.user.UnknownRoleException;
import io.temponest.auth.user.UserAccounts;
import io.temponest.security.AuthPrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * A tenant's members: list them ({@code users:read} in that tenant), change their roles
 * and deactivate them (that tenant's admin). A superuser may do all of it in any tenant;
 * an admin's powers end at its tenant. A change that would leave the tenant without an
 * active admin is refused.
 */
@Service
public class Members {

	/** Largest page. */
	public static final int MAX_PAGE_SIZE = 200;

	private final MemberStore store;

	private final TenantAccess access;

	private final RoleGrants grants;

	private final UserAccounts accounts;

	private final RefreshTokens refreshTokens;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	private final ApiKeyVerdicts keyVerdicts;

	Members(MemberStore store, TenantAccess access, RoleGrants grants, UserAccounts accounts,
			RefreshTokens refreshTokens, AuditLog audit, TenantTransactions transactions, ApiKeyVerdicts keyVerdicts) {
		this.store = store;
		this.access = access;
		this.grants = grants;
		this.accounts = accounts;
		this.refreshTokens = refreshTokens;
		this.audit = audit;
		this.transactions = transactions;
		this.keyVerdicts = keyVerdicts;
	}

	/**
	 * A page of a tenant's members, by email.
	 * @param caller the caller
	 * @param tenantId the tenant
	 * @param after the previous page's {@code nextCursor}, or {@code null} for the first
	 * page
	 * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the page
	 * @throws TenantAccessDeniedException the caller may not read that tenant's members
	 */
	public MemberPage list(AuthPrincipal caller, UUID tenantId, @Nullable String after, int limit) {
		this.access.requireReader(caller, tenantId);
		int size = Math.clamp(limit, 1, MAX_PAGE_SIZE);
		String cursor = (after != null) ? after.toLowerCase(Locale.ROOT) : null;
		List<MemberView> members = this.transactions.read(tenantId, () -> this.store.page(tenantId, cursor, size));
		String next = (members.size() == size) ? members.get(size - 1).email().toLowerCase(Locale.ROOT) : null;
		return new MemberPage(members, next);
	}

	/**
	 * Replace a member's roles.
	 * @param caller the caller: that tenant's admin, or a superuser
	 * @param tenantId the tenant
	 * @param userId the member
	 * @param roles the new roles (non-empty)
	 * @param client where the request came from
	 * @return the member with its new roles
	 * @throws TenantAccessDeniedException the caller may not manage that tenant
	 * @throws MemberNotFoundException no such member in that tenant
	 * @throws UnknownRoleException unknown or no roles
	 * @throws MembershipConflictException the tenant would have no active admin left
	 */
	public MemberView changeRoles(AuthPrincipal caller, UUID tenantId, UUID userId, Collection<String> roles,
			ClientInfo client) {
		List<String> wanted = Roles.validated(roles);
		MemberView changed = this.transactions.write(tenantId, () -> {
			this.access.requireAdmin(caller, tenantId);
			MemberView before = this.store.find(userId).orElseThrow(MemberNotFoundException::new);
			this.grants.replaceRoles(userId, tenantId, wanted);
			requireAnAdmin(tenantId);
			this.keyVerdicts.evictKeysOfAfterCommit(userId);
			this.audit.record(AuditEvent.of(tenantId, caller.userUuid().orElse(null), "member_roles_change")
				.on("user", userId)
				.with(Map.of("old_roles", before.roles(), "new_roles", wanted))
				.from(client));
			return this.store.find(userId).orElseThrow(MemberNotFoundException::new);
		});
		this.grants.evictPermissions(userId);
		return changed;
	}

	/**
	 * Deactivate a member: it can no longer sign in, its refresh tokens are revoked, and
	 * its API keys stop working.
	 * @param caller the caller: that tenant's admin, or a superuser
	 * @param tenantId the tenant
	 * @param userId the member
	 * @param client where the request came from
	 * @return the deactivated member
	 * @throws TenantAccessDeniedException the caller may not manage that tenant
	 * @throws MemberNotFoundException no such member in that tenant
	 * @throws MembershipConflictException the tenant would have no active admin left
	 */
	public MemberView deactivate(AuthPrincipal caller, UUID tenantId, UUID userId, ClientInfo client) {
		MemberView changed = this.transactions.write(tenantId, () -> {
			this.access.requireAdmin(caller, tenantId);
			if (!this.accounts.setActive(userId, false)) {
				throw new MemberNotFoundException();
			}
			requireAnAdmin(tenantId);
			this.refreshTokens.revokeAllOf(userId);
			this.keyVerdicts.evictKeysOfAfterCommit(userId);
			this.audit.record(AuditEvent.of(tenantId, caller.userUuid().orElse(null), "user_deactivate")
				.on("user", userId)
				.from(client));
			return this.store.find(userId).orElseThrow(MemberNotFoundException::new);
		});
		this.grants.evictPermissions(userId);
		return changed;
	}

	private void requireAnAdmin(UUID tenantId) {
		if (this.store.activeAdmins(tenantId) == 0) {
			throw new MembershipConflictException();
		}
	}

}
