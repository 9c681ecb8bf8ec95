package io.temponest.auth.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import io.temponest.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Refresh-token rotation, its reuse grace period and reuse detection. */
@AuthIntegrationTest
class RefreshIntegrationTests {

	/** The default {@code temponest.auth.refresh-reuse-grace}. */
	private static final Duration GRACE = Duration.ofSeconds(30);

	@Autowired
	private LoginService logins;

	@Autowired
	private Fixtures fixtures;

	@Autowired
	private MutableClock clock;

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
	void refreshWhenResponseLostAndTokenPresentedAgainWithinGraceThenSameSuccessorAndFamilyKept() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair first = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		TokenPair lost = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		this.clock.advance(GRACE.minusSeconds(1));
		TokenPair retried = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		assertThat(retried.refreshToken()).isEqualTo(lost.refreshToken());
		assertThat(retried.userId()).isEqualTo(user.id());
		assertThat(this.logins.refresh(retried.refreshToken(), ClientInfo.NONE).refreshToken())
			.isNotEqualTo(retried.refreshToken());
		assertThat(this.fixtures.auditCount("refresh_token_reuse", user.id())).isZero();
		assertThat(familySummary(user)).as("families/tokens/revoked").isEqualTo("1/3/0");
	}

	@Test
	void refreshWhenPredecessorPresentedAfterGraceThenRejectedFamilyRevokedAndAudited() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair first = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		TokenPair second = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		this.clock.advance(GRACE.plusSeconds(1));
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
	void refreshWhenGrandPredecessorPresentedWithinGraceThenRejectedAndFamilyRevoked() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair first = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		TokenPair second = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		TokenPair third = this.logins.refresh(second.refreshToken(), ClientInfo.NONE);
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(first.refreshToken(), ClientInfo.NONE));
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(third.refreshToken(), ClientInfo.NONE));
		assertThat(this.fixtures.auditCount("refresh_token_reuse", user.id())).isPositive();
	}

	@Test
	void refreshWhenSuccessorAlreadyUsedThenPredecessorWithinGraceRejectedAndFamilyRevoked() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair first = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		TokenPair retried = this.logins.refresh(first.refreshToken(), ClientInfo.NONE);
		TokenPair next = this.logins.refresh(retried.refreshToken(), ClientInfo.NONE);
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.as("the client clearly got the successor: its predecessor is a replay")
			.isThrownBy(() -> this.logins.refresh(first.refreshToken(), ClientInfo.NONE));
		assertThatExceptionOfType(InvalidRefreshTokenException.class)
			.isThrownBy(() -> this.logins.refresh(next.refreshToken(), ClientInfo.NONE));
		assertThat(this.fixtures.auditCount("refresh_token_reuse", user.id())).isPositive();
	}

	@Test
	void refreshWhenSameTokenUsedConcurrentlyThenAllGetTheSameSuccessorAndFamilyKept() throws Exception {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		TokenPair pair = this.logins.login(user.email(), Fixtures.PASSWORD, ClientInfo.NONE);
		int attempts = 6;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<TokenPair>> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(attempts)) {
			Callable<TokenPair> attempt = () -> {
				start.await();
				return this.logins.refresh(pair.refreshToken(), ClientInfo.NONE);
			};
			for (int i = 0; i < attempts; i++) {
				results.add(executor.submit(attempt));
			}
			start.countDown();
			Set<String> successors = new HashSet<>();
			for (Future<TokenPair> result : results) {
				successors.add(result.get(30, TimeUnit.SECONDS).refreshToken());
			}
			assertThat(successors).hasSize(1);
			assertThat(this.logins.refresh(successors.iterator().next(), ClientInfo.NONE).userId())
				.isEqualTo(user.id());
		}
		assertThat(this.fixtures.auditCount("refresh_token_reuse", user.id())).isZero();
		assertThat(familySummary(user)).as("families/tokens/revoked").isEqualTo("1/3/0");
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

	private String familySummary(Fixtures.User user) {
		return this.fixtures.admin()
			.sql("SELECT count(DISTINCT family_id) || '/' || count(*) || '/' || count(revoked_at) "
					+ "FROM auth.refresh_tokens WHERE user_id = :id")
			.param("id", user.id())
			.query(String.class)
			.single();
	}

	private void setActive(Fixtures.User user, boolean active) {
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = :active WHERE id = :id")
			.param("active", active)
			.param("id", user.id())
			.update();
	}

}
