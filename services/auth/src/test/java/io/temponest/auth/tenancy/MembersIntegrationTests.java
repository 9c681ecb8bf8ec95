package io.temponest.auth.tenancy;

import java.util.ArrayList;
import java.util.List;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.login.InvalidRefreshTokenException;
import io.temponest.auth.login.LoginService;
import io.temponest.auth.login.TokenPair;
import io.temponest.auth.user.InactiveUserException;
import io.temponest.auth.user.RoleGrants;
import io.temponest.cache.JsonCache;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.tenant.TenantTransactions;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Listing members, changing their roles and deactivating them, within tenant bounds. */
@AuthIntegrationTest
class MembersIntegrationTests {

	@Autowired
	private Members members;

	@Autowired
	private LoginService logins;

	@Autowired
	private JsonCache cache;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private RoleGrants grants;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private JwtDecoder jwtDecoder;

	@Test
	void listWhenPagedThenEveryMemberOnceInEmailOrder() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		for (int i = 0; i < 4; i++) {
			this.fixtures.user(tenant, "viewer");
		}
		this.fixtures.user(this.fixtures.tenant(), "viewer");
		List<MemberView> seen = new ArrayList<>();
		String cursor = null;
		do {
			MemberPage page = this.members.list(this.fixtures.principal(admin), tenant.id(), cursor, 2);
			seen.addAll(page.members());
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(seen).hasSize(5).extracting(MemberView::email).isSorted().doesNotHaveDuplicates();
		assertThat(seen).filteredOn((member) -> member.id().equals(admin.id()))
			.singleElement()
			.satisfies((member) -> assertThat(member.roles()).containsExactly("admin"));
	}

	@Test
	void listWhenCallerOfAnotherTenantThenDenied() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User outsider = this.fixtures.user(this.fixtures.tenant(), "admin");
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.members.list(this.fixtures.principal(outsider), tenant.id(), null, 10));
	}

	@Test
	void changeRolesWhenAdminOfTenantThenRolesReplacedAndPermissionCacheEvicted() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		Fixtures.User member = this.fixtures.user(tenant, "viewer");
		this.transactions.read(tenant.id(), () -> this.grants.permissionsOf(member.id()));
		assertThat(cachedPermissions(member)).contains("users:read").doesNotContain("agents:execute");
		MemberView changed = this.members.changeRoles(this.fixtures.principal(admin), tenant.id(), member.id(),
				List.of("developer"), ClientInfo.NONE);
		assertThat(changed.roles()).containsExactly("developer");
		assertThat(this.cache.get("user_perms:" + member.id(), new TypeReference<List<String>>() {
		})).isEmpty();
		TokenPair pair = this.logins.login(member.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		assertThat(this.jwtDecoder.decode(pair.accessToken()).getClaimAsStringList("permissions"))
			.contains("agents:execute")
			.doesNotContain("users:read");
		assertThat(this.fixtures.auditCount("member_roles_change", admin.id())).isOne();
	}

	@Test
	void changeRolesWhenAdminOfAnotherTenantThenDeniedAndSuperuserAllowed() {
		Fixtures.Tenant a = this.fixtures.tenant();
		Fixtures.Tenant b = this.fixtures.tenant();
		this.fixtures.user(b, "admin");
		Fixtures.User memberOfB = this.fixtures.user(b, "viewer");
		AuthPrincipal adminOfA = this.fixtures.principal(this.fixtures.user(a, "admin"));
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(
				() -> this.members.changeRoles(adminOfA, b.id(), memberOfB.id(), List.of("admin"), ClientInfo.NONE));
		AuthPrincipal superuser = this.fixtures.principal(this.fixtures.user(this.fixtures.tenant(), true, "admin"));
		assertThat(this.members.changeRoles(superuser, b.id(), memberOfB.id(), List.of("manager"), ClientInfo.NONE)
			.roles()).containsExactly("manager");
	}

	@Test
	void changeRolesWhenMemberInAnotherTenantThanNamedThenNotFound() {
		Fixtures.Tenant a = this.fixtures.tenant();
		AuthPrincipal adminOfA = this.fixtures.principal(this.fixtures.user(a, "admin"));
		Fixtures.User elsewhere = this.fixtures.user(this.fixtures.tenant(), "viewer");
		assertThatExceptionOfType(MemberNotFoundException.class).isThrownBy(
				() -> this.members.changeRoles(adminOfA, a.id(), elsewhere.id(), List.of("viewer"), ClientInfo.NONE));
	}

	@Test
	void changeRolesWhenLastAdminDemotedThenConflictAndNothingChanged() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		assertThatExceptionOfType(MembershipConflictException.class).isThrownBy(() -> this.members
			.changeRoles(this.fixtures.principal(admin), tenant.id(), admin.id(), List.of("viewer"), ClientInfo.NONE));
		assertThat(this.fixtures.principal(admin).roles()).containsExactly("admin");
	}

	@Test
	void changeRolesWhenViewerCallsThenDenied() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User viewer = this.fixtures.user(tenant, "viewer");
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> this.members
			.changeRoles(this.fixtures.principal(viewer), tenant.id(), viewer.id(), List.of("admin"), ClientInfo.NONE));
	}

	@Test
	void deactivateWhenAdminThenMemberCannotSignInOrRefresh() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User admin = this.fixtures.user(tenant, "admin");
		Fixtures.User member = this.fixtures.user(tenant, "viewer");
		TokenPair pair = this.logins.login(member.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		MemberView deactivated = this.members.deactivate(this.fixtures.principal(admin), tenant.id(), member.id(),
				ClientInfo.NONE);
		assertThat(deactivated.active()).isFalse();
		assertThatExceptionOfType(InactiveUserException.class)
			.isThrownBy(() -> this.logins.login(member.email(), Fixtures.PASSWORD, ClientInfo.NONE));
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = true WHERE id = :id")
			.param("id", member.id())
			.update();
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(pair.refreshToken(), ClientInfo.NONE));
		assertThat(this.fixtures.auditCount("user_deactivate", admin.id())).isOne();
	}

	private List<String> cachedPermissions(Fixtures.User user) {
		return this.cache.get("user_perms:" + user.id(), new TypeReference<List<String>>() {
		}).orElseThrow();
	}

}
