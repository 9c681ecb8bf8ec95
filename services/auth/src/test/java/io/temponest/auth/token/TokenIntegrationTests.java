package io.temponest.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.auth.AuthIntegrationTest;
import io.temponest.auth.TestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/** Issued tokens, verified with the published public key source. */
@AuthIntegrationTest
class TokenIntegrationTests {

	@Autowired
	private TokenIssuer issuer;

	@Autowired
	private JWKSource<SecurityContext> jwkSource;

	@Autowired
	private RefreshTokenVerifier refreshVerifier;

	@Autowired
	private SigningKeys keys;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private JwtDecoder sharedDecoder;

	@Test
	void issueAccessWhenDecodedWithPublicKeysThenCarriesThePlatformClaims() {
		UUID userId = UUID.randomUUID();
		UUID tenantId = UUID.randomUUID();
		IssuedToken token = this.issuer.issueAccess(new AccessTokenSubject(userId, tenantId, "ada@example.com",
				List.of("viewer"), List.of("agents:read", "costs:read"), false));
		Jwt jwt = decoder().decode(token.value());
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256")
			.containsEntry("kid", this.keys.signingKey().getKeyID());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("temponest-auth");
		assertThat(jwt.getAudience()).containsExactly("temponest");
		assertThat(jwt.getSubject()).isEqualTo(userId.toString());
		assertThat(jwt.getClaimAsString("tenant_id")).isEqualTo(tenantId.toString());
		assertThat(jwt.getClaimAsString("email")).isEqualTo("ada@example.com");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("viewer");
		assertThat(jwt.getClaimAsStringList("permissions")).containsExactly("agents:read", "costs:read");
		assertThat(jwt.<Boolean>getClaim("is_superuser")).isFalse();
		assertThat(jwt.getClaimAsString("type")).isEqualTo("access");
		assertThat(jwt.getId()).isEqualTo(token.jti());
		assertThat(jwt.getExpiresAt()).isCloseTo(Instant.now().plus(Duration.ofMinutes(60)),
				within(Duration.ofSeconds(5)));
		assertThat(jwt.getIssuedAt()).isCloseTo(Instant.now(), within(Duration.ofSeconds(5)));
	}

	@Test
	void issueAccessWhenCalledTwiceThenTokensDiffer() {
		AccessTokenSubject subject = new AccessTokenSubject(UUID.randomUUID(), UUID.randomUUID(), "a@example.com",
				List.of(), List.of(), false);
		assertThat(this.issuer.issueAccess(subject).value()).isNotEqualTo(this.issuer.issueAccess(subject).value());
	}

	@Test
	void issueRefreshWhenDecodedThenOnlyIdentityClaims() {
		UUID jti = UUID.randomUUID();
		Instant expiresAt = this.issuer.refreshExpiry();
		IssuedToken token = this.issuer.issueRefresh(UUID.randomUUID(), UUID.randomUUID(), jti, expiresAt);
		Jwt jwt = decoder().decode(token.value());
		assertThat(jwt.getClaimAsString("type")).isEqualTo("refresh");
		assertThat(jwt.getId()).isEqualTo(jti.toString());
		assertThat(jwt.getClaims()).doesNotContainKeys("email", "roles", "permissions", "is_superuser");
		assertThat(jwt.getExpiresAt()).isCloseTo(Instant.now().plus(Duration.ofDays(30)),
				within(Duration.ofSeconds(5)));
		assertThat(this.refreshVerifier.verify(token.value())).hasValueSatisfying((claims) -> {
			assertThat(claims.jti()).isEqualTo(jti);
			assertThat(claims.expiresAt()).isEqualTo(expiresAt);
		});
	}

	@Test
	void verifyRefreshWhenAccessTokenOrGarbageOrForeignKeyThenRejected() {
		IssuedToken access = this.issuer.issueAccess(new AccessTokenSubject(UUID.randomUUID(), UUID.randomUUID(),
				"a@example.com", List.of(), List.of(), false));
		assertThat(this.refreshVerifier.verify(access.value())).isEmpty();
		assertThat(this.refreshVerifier.verify("not.a.valid.jwt.token")).isEmpty();
		assertThat(this.refreshVerifier.verify("")).isEmpty();
		TokenIssuer foreign = new TokenIssuer(SigningKeys.load(TestProperties.jwt(null, null, List.of()), true),
				TestProperties.defaults(), TestProperties.platformSecurity(), new SimpleMeterRegistry());
		IssuedToken forged = foreign.issueRefresh(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				foreign.refreshExpiry());
		assertThat(this.refreshVerifier.verify(forged.value())).isEmpty();
		String stripped = forged.value().substring(0, forged.value().lastIndexOf('.') + 1);
		assertThat(this.refreshVerifier.verify(stripped)).isEmpty();
	}

	@Test
	void verifyRefreshWhenExpiredThenRejected() {
		TokenIssuer past = new TokenIssuer(this.keys, TestProperties.defaults(), TestProperties.platformSecurity(),
				new SimpleMeterRegistry(), Clock.offset(Clock.systemUTC(), Duration.ofDays(-31)));
		IssuedToken expired = past.issueRefresh(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				past.refreshExpiry());
		assertThat(expired.expiresAt()).isBefore(Instant.now());
		assertThat(this.refreshVerifier.verify(expired.value())).isEmpty();
	}

	@Test
	void verifyRefreshWhenExpiredBeyondThePlatformClockSkewThenRejected() {
		Instant now = Instant.now();
		IssuedToken expired = this.issuer.issueRefresh(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				now.minusSeconds(60), now.minusSeconds(30));
		assertThat(this.refreshVerifier.verify(expired.value()))
			.as("30 s past expiry is outside platform.security.jwt.clock-skew (5 s)")
			.isEmpty();
	}

	@Test
	void issueWhenCountedThenTokensIssuedMetricByType() {
		double before = this.meters.get("temponest.auth.tokens.issued").tag("type", "access").counter().count();
		this.issuer.issueAccess(new AccessTokenSubject(UUID.randomUUID(), UUID.randomUUID(), "a@example.com", List.of(),
				List.of(), false));
		assertThat(this.meters.get("temponest.auth.tokens.issued").tag("type", "access").counter().count())
			.isEqualTo(before + 1);
	}

	@Test
	void sharedDecoderWhenGivenOurTokensThenAcceptsAccessAndRejectsRefresh() {
		IssuedToken access = this.issuer.issueAccess(new AccessTokenSubject(UUID.randomUUID(), UUID.randomUUID(),
				"shared@example.com", List.of("viewer"), List.of("agents:read"), false));
		assertThat(this.sharedDecoder.decode(access.value()).getId()).isEqualTo(access.jti());
		IssuedToken refresh = this.issuer.issueRefresh(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				this.issuer.refreshExpiry());
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.sharedDecoder.decode(refresh.value()));
	}

	private NimbusJwtDecoder decoder() {
		return NimbusJwtDecoder.withJwkSource(this.jwkSource).build();
	}

}
