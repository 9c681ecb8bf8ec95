package io.temponest.auth.exchange;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.Fixtures;
import io.temponest.events.EventCredentials;
import io.temponest.events.OutboxRelay;
import io.temponest.security.exchange.ActingUser;
import io.temponest.security.exchange.ServiceTokenClient;
import io.temponest.security.exchange.TokenExchangeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The credentials the auth service sends its platform events with: the relay uses them
 * (no service client is configured), and they are the user's current delegated access
 * token acting for {@code auth}, refused for a user who is gone, deactivated or whose
 * tenant is inactive.
 */
@AuthIntegrationTest
class OwnEventCredentialsIntegrationTests {

	@Autowired
	private EventCredentials credentials;

	@Autowired
	private ObjectProvider<ServiceTokenClient> serviceTokenClient;

	@Autowired
	private ObjectProvider<OutboxRelay> relay;

	@Autowired
	private JwtDecoder decoder;

	@Autowired
	private Fixtures fixtures;

	private Fixtures.Tenant tenant;

	private Fixtures.User developer;

	@BeforeEach
	void setUp() {
		this.tenant = this.fixtures.tenant();
		this.developer = this.fixtures.user(this.tenant, "developer");
	}

	@Test
	void contextWhenStartedThenTheRelayRunsOnTheseCredentialsWithoutServiceClient() {
		assertThat(this.credentials).isInstanceOf(OwnEventCredentials.class);
		assertThat(this.serviceTokenClient.getIfAvailable()).isNull();
		assertThat(this.relay.getIfAvailable()).isNotNull();
	}

	@Test
	void tokenForWhenUserActiveThenDelegatedAccessTokenActingForAuthThatVerifies() {
		String token = this.credentials.tokenFor(new ActingUser(this.tenant.id(), this.developer.id()));
		Jwt jwt = this.decoder.decode(token);
		assertThat(jwt.getSubject()).isEqualTo(this.developer.id().toString());
		assertThat(jwt.getClaimAsString("tenant_id")).isEqualTo(this.tenant.id().toString());
		assertThat(jwt.getClaimAsString("type")).isEqualTo("access");
		assertThat(jwt.getClaimAsMap("act")).isEqualTo(Map.of("sub", "auth"));
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("developer");
		assertThat(jwt.getClaimAsStringList("permissions"))
			.containsExactlyInAnyOrderElementsOf(this.fixtures.principal(this.developer).permissions())
			.contains("agents:execute");
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void tokenForWhenUserDeactivatedThenRefusedForGood() {
		this.fixtures.admin()
			.sql("UPDATE auth.users SET is_active = false WHERE id = :id")
			.param("id", this.developer.id())
			.update();
		assertRefused(new ActingUser(this.tenant.id(), this.developer.id()), "User account is inactive");
	}

	@Test
	void tokenForWhenTenantInactiveThenRefusedForGood() {
		this.fixtures.admin()
			.sql("UPDATE auth.tenants SET is_active = false WHERE id = :id")
			.param("id", this.tenant.id())
			.update();
		assertRefused(new ActingUser(this.tenant.id(), this.developer.id()), "Tenant is inactive");
	}

	@Test
	void tokenForWhenUserUnknownOrInAnotherTenantThenRefusedForGood() {
		assertRefused(new ActingUser(this.tenant.id(), UUID.randomUUID()), "User not found in the tenant");
		assertRefused(new ActingUser(this.fixtures.tenant().id(), this.developer.id()), "User not found in the tenant");
	}

	private void assertRefused(ActingUser user, String reason) {
		assertThatExceptionOfType(TokenExchangeException.class).isThrownBy(() -> this.credentials.tokenFor(user))
			.satisfies((ex) -> {
				assertThat(ex.isUserRefused()).isTrue();
				assertThat(ex.error()).isEqualTo("invalid_grant");
				assertThat(ex).hasMessage(reason);
			});
	}

}
