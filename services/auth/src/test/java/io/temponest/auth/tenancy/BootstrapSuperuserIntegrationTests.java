package io.temponest.auth.tenancy;

import java.time.Duration;
import java.util.List;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.AuthProperties;
import io.temponest.auth.Fixtures;
import io.temponest.auth.TestProperties;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.login.LoginService;
import io.temponest.auth.password.PasswordHasher;
import io.temponest.auth.password.PasswordPolicy;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.UserAccounts;
import io.temponest.auth.user.UserView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev-profile bootstrap superuser: absent elsewhere, idempotent when it runs. */
@AuthIntegrationTest
class BootstrapSuperuserIntegrationTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private RoleGrants grants;

	@Autowired
	private TenantStore tenants;

	@Autowired
	private PasswordPolicy policy;

	@Autowired
	private PasswordHasher hasher;

	@Autowired
	private AuditLog audit;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private LoginService logins;

	@Autowired
	private Fixtures fixtures;

	@Test
	void contextWhenDevProfileInactiveThenNoBootstrapSuperuser() {
		assertThat(this.context.getBeansOfType(BootstrapSuperuser.class)).isEmpty();
	}

	@Test
	void runWhenConfiguredThenCreatesSuperuserOnceWhoCanSignIn() {
		String email = Fixtures.email("root");
		String password = "Bootstrap-Secret-2026";
		AuthProperties defaults = TestProperties.defaults();
		AuthProperties properties = new AuthProperties(defaults.apiKeyPrefix(), Duration.ofDays(7),
				Duration.ofMinutes(5), defaults.jwt(), defaults.password(),
				new AuthProperties.BootstrapSuperuser(email, password), defaults.refreshReuseGrace());
		BootstrapSuperuser bootstrap = new BootstrapSuperuser(properties, this.accounts, this.grants, this.tenants,
				this.policy, this.hasher, this.audit, this.transactions);
		bootstrap.run(new DefaultApplicationArguments());
		bootstrap.run(new DefaultApplicationArguments());
		assertThat(this.fixtures.admin()
			.sql("SELECT count(*) FROM auth.users WHERE email = :email AND is_superuser")
			.param("email", email)
			.query(Long.class)
			.single()).isOne();
		UserView me = this.logins
			.me(this.fixtures.principal(new Fixtures.User(this.logins.login(email, password, ClientInfo.NONE).userId(),
					this.accounts.findLogin(email).orElseThrow().tenantId(), email, true)));
		assertThat(me.superuser()).isTrue();
		assertThat(me.roles()).isEqualTo(List.of("admin"));
	}

}
