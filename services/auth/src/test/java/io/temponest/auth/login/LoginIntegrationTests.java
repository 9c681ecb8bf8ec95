package io.temponest.auth.login;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.user.InactiveUserException;
import io.temponest.auth.user.UnknownUserException;
import io.temponest.auth.user.UserView;
import io.temponest.security.AuthPrincipal;
import io.temponest.security.RevokedTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Sign-in, sign-out and "me" against the real database. */
@AuthIntegrationTest
class LoginIntegrationTests {

	private static final ClientInfo CLIENT = new ClientInfo("203.0.113.7", "login-tests");

	@Autowired
	private LoginService logins;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private RevokedTokens revokedTokens;

	@Autowired
	private JWKSource<SecurityContext> jwkSource;

	@Autowired
	private MeterRegistry meters;

	@Test
	void loginWhenPasswordCorrectThenTokensLastLoginAndAudit() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		double successes = logins("success");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, CLIENT);
		assertThat(pair.tokenType()).isEqualTo("bearer");
		assertThat(pair.expiresIn()).isEqualTo(3600);
		assertThat(pair.userId()).isEqualTo(user.id());
		assertThat(pair.tenantId()).isEqualTo(user.tenantId());
		Jwt access = decoder().decode(pair.accessToken());
		assertThat(access.getSubject()).isEqualTo(user.id().toString());
		assertThat(access.getClaimAsStringList("roles")).containsExactly("viewer");
		assertThat(access.getClaimAsStringList("permissions")).contains("agents:read")
			.noneMatch((p) -> p.contains("delete"));
		assertThat(decoder().decode(pair.refreshToken()).getClaimAsString("type")).isEqualTo("refresh");
		Map<String, Object> row = this.fixtures.admin()
			.sql("SELECT last_login_at FROM auth.users WHERE id = :id")
			.param("id", user.id())
			.query()
			.singleRow();
		assertThat(row.get("last_login_at")).isNotNull();
		Map<String, Object> audit = this.fixtures.admin()
			.sql("SELECT resource_type, host(ip_address) AS ip, user_agent, tenant_id FROM auth.audit_log "
					+ "WHERE action = 'login' AND user_id = :id")
			.param("id", user.id())
			.query()
			.singleRow();
		assertThat(audit).containsEntry("resource_type", "user")
			.containsEntry("ip", "203.0.113.7")
			.containsEntry("user_agent", "login-tests")
			.containsEntry("tenant_id", user.tenantId());
		assertThat(logins("success")).isEqualTo(successes + 1);
	}

	@Test
	void loginWhenEmailInOtherCaseThenSucceeds() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		assertThat(this.logins.login(user.email().toUpperCase(), Fixtures.PASSWORD, CLIENT).userId())
			.isEqualTo(user.id());
	}

	@Test
	void loginWhenPasswordWrongThen401AndFailureAudited() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		double failures = logins("failure");
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logins.login(user.email(), "Wrong-Password-1", CLIENT))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("Incorrect email or password"));
		assertThat(this.fixtures.auditCount("login_failed", user.id())).isOne();
		assertThat(this.fixtures.auditCount("login", user.id())).isZero();
		assertThat(logins("failure")).isEqualTo(failures + 1);
	}

	@Test
	void loginWhenEmailUnknownThen401AndTenantlessAuditRow() {
		String email = Fixtures.email("nobody");
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logins.login(email, "Whatever-Password-1", CLIENT));
		long rows = this.fixtures.admin()
			.sql("SELECT count(*) FROM auth.audit_log WHERE action = 'login_failed' AND tenant_id IS NULL "
					+ "AND details ->> 'email' = :email")
			.param("email", email)
			.query(Long.class)
			.single();
		assertThat(rows).isOne();
	}

	@Test
	void loginWhenUserInactiveThen403OnlyAfterCorrectPassword() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", user.id())
			.update();
		double inactive = logins("inactive");
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logins.login(user.email(), "Wrong-Password-1", CLIENT));
		assertThatExceptionOfType(InactiveUserException.class)
			.isThrownBy(() -> this.logins.login(user.email(), Fixtures.PASSWORD, CLIENT))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("User account is inactive"));
		assertThat(logins("inactive")).isEqualTo(inactive + 1);
	}

	@Test
	void loginWhenTenantInactiveThen401() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User user = this.fixtures.user(tenant, "viewer");
		this.fixtures.admin()
			.sql("UPDATE auth.tenants SET is_active = false WHERE id = :id")
			.param("id", tenant.id())
			.update();
		assertThatExceptionOfType(InvalidCredentialsException.class)
			.isThrownBy(() -> this.logins.login(user.email(), Fixtures.PASSWORD, CLIENT));
	}

	@Test
	void logoutWhenCalledThenAccessDenyListedRefreshFamilyRevokedAndAudited() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "developer");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, CLIENT);
		Jwt access = decoder().decode(pair.accessToken());
		AuthPrincipal principal = this.fixtures.principal(user);
		Instant expiresAt = access.getExpiresAt();
		this.logins.logout(principal, access.getId(), expiresAt, pair.refreshToken(), CLIENT);
		assertThat(this.revokedTokens.isRevoked(access.getId())).isTrue();
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(pair.refreshToken(), CLIENT));
		assertThat(this.fixtures.auditCount("logout", user.id())).isOne();
	}

	@Test
	void logoutWhenRefreshTokenOfAnotherUserThenItStaysValid() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User user = this.fixtures.user(tenant, "viewer");
		Fixtures.User other = this.fixtures.user(tenant, "viewer");
		TokenPair mine = this.logins.login(user.email(), Fixtures.PASSWORD, CLIENT);
		TokenPair theirs = this.logins.login(other.email(), Fixtures.PASSWORD, CLIENT);
		Jwt access = decoder().decode(mine.accessToken());
		this.logins.logout(this.fixtures.principal(user), access.getId(), access.getExpiresAt(), theirs.refreshToken(),
				CLIENT);
		assertThat(this.logins.refresh(theirs.refreshToken(), CLIENT).userId()).isEqualTo(other.id());
	}

	@Test
	void meWhenUserExistsThenViewWithGrants() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "manager", "viewer");
		UserView me = this.logins.me(this.fixtures.principal(user));
		assertThat(me.id()).isEqualTo(user.id());
		assertThat(me.roles()).containsExactly("manager", "viewer");
		assertThat(me.permissions()).contains("approvals:approve", "users:read").doesNotContain("users:manage");
		assertThat(me.tenantName()).startsWith("Fixture ");
	}

	@Test
	void meWhenServiceKeyOrUnknownUserThenUnknownUser() {
		UUID tenant = this.fixtures.tenant().id();
		AuthPrincipal ghost = new AuthPrincipal(UUID.randomUUID().toString(), tenant.toString(), "g@example.com",
				List.of(), List.of(), false, io.temponest.security.AuthType.JWT);
		assertThatExceptionOfType(UnknownUserException.class).isThrownBy(() -> this.logins.me(ghost));
		AuthPrincipal service = new AuthPrincipal(AuthPrincipal.SERVICE_KEY_USER, tenant.toString(),
				AuthPrincipal.SERVICE_KEY_EMAIL, List.of("api-key"), List.of(), false,
				io.temponest.security.AuthType.API_KEY);
		assertThatExceptionOfType(UnknownUserException.class).isThrownBy(() -> this.logins.me(service));
	}

	private double logins(String result) {
		return this.meters.get("temponest.auth.logins").tag("result", result).counter().count();
	}

	private JwtDecoder decoder() {
		return NimbusJwtDecoder.withJwkSource(this.jwkSource).build();
	}

}
