package io.temponest.auth.tenancy;

import java.util.List;
import java.util.UUID;

import io.temponest.auth.AuthProperties;
import io.temponest.auth.audit.AuditEvent;
import io.temponest.auth.audit.AuditLog;
import io.temponest.auth.password.PasswordHasher;
import io.temponest.auth.password.PasswordPolicy;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.auth.user.NewAccount;
import io.temponest.auth.user.RoleGrants;
import io.temponest.auth.user.Roles;
import io.temponest.auth.user.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Creates a superuser from {@code temponest.auth.bootstrap-superuser.*} at start, in its
 * own tenant, when the dev profile is active and the email is not registered yet. Never
 * active in other profiles: there is no seeded admin account.
 */
@Component
@Profile("dev")
public class BootstrapSuperuser implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapSuperuser.class);

	private final AuthProperties.BootstrapSuperuser settings;

	private final UserAccounts accounts;

	private final RoleGrants grants;

	private final TenantStore tenants;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final AuditLog audit;

	private final TenantTransactions transactions;

	BootstrapSuperuser(AuthProperties properties, UserAccounts accounts, RoleGrants grants, TenantStore tenants,
			PasswordPolicy policy, PasswordHasher hasher, AuditLog audit, TenantTransactions transactions) {
		this.settings = properties.bootstrapSuperuser();
		this.accounts = accounts;
		this.grants = grants;
		this.tenants = tenants;
		this.policy = policy;
		this.hasher = hasher;
		this.audit = audit;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.settings.email();
		String password = this.settings.password();
		if (email == null || email.isBlank() || password == null || password.isEmpty()) {
			log.info("No bootstrap superuser configured");
			return;
		}
		if (this.accounts.findLogin(email).isPresent()) {
			log.info("Bootstrap superuser {} exists already", email);
			return;
		}
		this.policy.check(password);
		String hash = this.hasher.hash(password);
		UUID tenantId = UUID.randomUUID();
		this.transactions.run(tenantId, () -> {
			this.tenants.create(tenantId, "Platform administration", "platform");
			UUID userId = this.accounts.create(new NewAccount(tenantId, email, hash, "Platform Administrator", true));
			this.grants.replaceRoles(userId, tenantId, List.of(Roles.ADMIN));
			this.audit.record(AuditEvent.of(tenantId, userId, "bootstrap_superuser").on("user", userId));
		});
		log.warn("Created bootstrap superuser {} (dev profile only)", email);
	}

}
