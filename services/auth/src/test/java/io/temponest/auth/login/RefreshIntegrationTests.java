package io.temponest.auth.login;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.auth.audit.ClientInfo;
import io.temponest.auth.user.InactiveUserException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Refresh-token rotation and reuse detection. */
@AuthIntegrationTest
class RefreshIntegrationTests {

	@Autowired
	private LoginService logins;

	@Autowired
	private Fixtures fixtures;

	@Test
	void refreshWhenTokenLiveThenNewPairAndOldTokenSpent() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair first = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		TokenPair second = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
		assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
		assertThat(second.userId()).isEqualTo(user.id());
		TokenPair third = this.logins.refresh(second.refreshToken(), ClientInfo.NONE);
		assertThat(third.refreshToken()).isNotEqualTo(second.refreshToken());
		assertThat(this.fixtures.admin()
			.sql("SELECT count(DISTINCT family_id) || '/' || count(*) || '/' || count(replaced_by) "
					+ "FROM auth.refresh_tokens WHERE user_id = :id")
			.param("id", user.id())
			.query(String.class)
			.single()).isEqualTo("1/3/2");
	}

	@Test
	void refreshWhenOldTokenReusedThenRejectedFamilyRevokedAndAudited() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair first = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		TokenPair second = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(first.refreshToken(), ClientInfo.NONE))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).isEqualTo("Invalid refresh token"));
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(second.refreshToken(), ClientInfo.NONE));
		assertThat(this.fixtures.auditCount("refresh_token_reuse", user.id())).isPositive();
		TokenPair fresh = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		assertThat(this.logins.refresh(fresh.refreshToken(), ClientInfo.NONE).userId()).isEqualTo(user.id());
	}

	@Test
	void refreshWhenSameTokenUsedConcurrentlyThenExactlyOneSucceeds() throws Exception {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		int attempts = 4;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(attempts)) {
			Callable<Boolean> attempt = () -> {
				start.await();
				try {
					this.logins.refresh(pair.refreshToken(), ClientInfo.NONE);
					return true;
				}
				catch (InvalidRefreshTokenException ex) {
					return false;
				}
			};
			for (int i = 0; i < attempts; i++) {
				results.add(executor.submit(attempt));
			}
			start.countDown();
			int successes = 0;
			for (Future<Boolean> result : results) {
				successes += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			assertThat(successes).isOne();
		}
	}

	@Test
	void refreshWhenAccessTokenOrGarbageThenRejected() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(pair.accessToken(), ClientInfo.NONE));
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh("invalid.token.here", ClientInfo.NONE));
	}

	@Test
	void refreshWhenUserDeactivatedThen403AndTokenNotSpent() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		setActive(user, false);
		assertThatExceptionOfType(InactiveUserException.class)
			.isThrownBy(() -> this.logins.refresh(pair.refreshToken(), ClientInfo.NONE));
		setActive(user, true);
		assertThat(this.logins.refresh(pair.refreshToken(), ClientInfo.NONE).userId()).isEqualTo(user.id());
	}

	@Test
	void refreshWhenTenantDeactivatedThenRejected() {
		Fixtures.Tenant tenant = this.fixtures.tenant();
		Fixtures.User user = this.fixtures.user(tenant, "viewer");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		this.fixtures.admin()
			.sql("UPDATE auth.tenants SET is_active = false WHERE id = :id")
			.param("id", tenant.id())
			.update();
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(pair.refreshToken(), ClientInfo.NONE));
	}

	private void setActive(Fixtures.User user, boolean active) {
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = :active WHERE id = :id")
			.param("active", active)
			.param("id", user.id())
			.update();
	}

}
