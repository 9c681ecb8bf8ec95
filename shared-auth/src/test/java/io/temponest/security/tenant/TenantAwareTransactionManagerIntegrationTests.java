package io.temponest.security.tenant;

import java.util.List;
import java.util.UUID;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.security.PlatformAuthentication;
import io.temponest.security.TenantScope;
import io.temponest.security.testapp.SecurityWebTest;
import io.temponest.security.testapp.TenantProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code app.current_tenant} per transaction on the real PostgreSQL. */
@SecurityWebTest
class TenantAwareTransactionManagerIntegrationTests {

	@Autowired
	private TenantProbe probe;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void transactionManagerWhenDataSourcePresentThenTenantAware() {
		assertThat(this.transactionManager).isInstanceOf(TenantAwareTransactionManager.class);
	}

	@Test
	void transactionWhenPrincipalAuthenticatedThenItsTenantIsSet() {
		UUID tenant = UUID.randomUUID();
		SecurityContextHolder.getContext()
			.setAuthentication(
					new PlatformAuthentication(new AuthPrincipal(UUID.randomUUID().toString(), tenant.toString(),
							"user@example.com", List.of("viewer"), List.of(), false, AuthType.JWT), "token"));
		assertThat(this.probe.currentTenant()).isEqualTo(tenant.toString());
	}

	@Test
	void transactionWhenTenantScopeThenScopeWinsOverPrincipal() {
		UUID principalTenant = UUID.randomUUID();
		UUID scopedTenant = UUID.randomUUID();
		SecurityContextHolder.getContext()
			.setAuthentication(new PlatformAuthentication(new AuthPrincipal(UUID.randomUUID().toString(),
					principalTenant.toString(), "user@example.com", List.of(), List.of(), true, AuthType.JWT),
					"token"));
		assertThat(TenantScope.callAs(scopedTenant, this.probe::currentTenant)).isEqualTo(scopedTenant.toString());
		assertThat(this.probe.currentTenant()).isEqualTo(principalTenant.toString());
	}

	@Test
	void transactionWhenNoTenantThenSettingIsEmpty() {
		assertThat(this.probe.currentTenant()).isEmpty();
	}

	@Test
	void settingWhenTransactionEndedThenNotLeakedToTheNextUseOfTheConnection() {
		TenantScope.runAs(UUID.randomUUID(), this.probe::currentTenant);
		assertThat(this.probe.currentTenantWithoutTransaction()).isIn("", "<unset>");
	}

}
