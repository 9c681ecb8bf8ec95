package io.temponest.security.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AccessTokenAuthenticationConverter}: the acting service of an exchanged token
 * (its {@code act} claim) is the principal's acting service; other tokens have none.
 */
class AccessTokenAuthenticationConverterTests {

	private final AccessTokenAuthenticationConverter converter = new AccessTokenAuthenticationConverter();

	@Test
	void convertWhenActClaimThenActingServiceOfThePrincipal() {
		AuthPrincipal principal = principal(token().claim("act", Map.of("sub", "scheduler")));
		assertThat(principal.actingService()).contains("scheduler");
		assertThat(principal.actor()).isEqualTo("scheduler");
		assertThat(principal.permissions()).containsExactly("agents:execute");
	}

	@Test
	void convertWhenNoOrMalformedActClaimThenNoActingService() {
		assertThat(principal(token()).actingService()).isEmpty();
		assertThat(principal(token().claim("act", "scheduler")).actingService()).isEmpty();
		assertThat(principal(token().claim("act", Map.of("sub", " "))).actingService()).isEmpty();
		assertThat(principal(token().claim("act", Map.of("sub", "x"))).withAuthType(AuthType.API_KEY).actingService())
			.contains("x");
	}

	private AuthPrincipal principal(Jwt.Builder token) {
		return (AuthPrincipal) this.converter.convert(token.build()).getPrincipal();
	}

	private static Jwt.Builder token() {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject(UUID.randomUUID().toString())
			.claim("tenant_id", UUID.randomUUID().toString())
			.claim("email", "user@example.com")
			.claim("roles", List.of("viewer"))
			.claim("permissions", List.of("agents:execute"))
			.claim("is_superuser", false)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60));
	}

}
