package io.temponest.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.security.PlatformClaims;
import io.temponest.security.autoconfigure.PlatformSecurityProperties;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Verifies refresh tokens with the platform's public keys: RS256 signature, issuer,
 * audience, an {@code exp} in the future (within the platform's clock skew) and
 * {@code type = refresh} (an access token is not a refresh token).
 */
@Component
public class RefreshTokenVerifier {

	private final NimbusJwtDecoder decoder;

	public RefreshTokenVerifier(JWKSource<SecurityContext> platformJwkSource, PlatformSecurityProperties security) {
		PlatformSecurityProperties.Jwt platform = security.jwt();
		this.decoder = NimbusJwtDecoder.withJwkSource(platformJwkSource).jwsAlgorithm(SignatureAlgorithm.RS256).build();
		this.decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(List.of(new JwtTimestampValidator(platform.clockSkew()),
						new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
						new JwtIssuerValidator(platform.issuer()), new JwtAudienceValidator(platform.audience()),
						new JwtClaimValidator<String>(PlatformClaims.TYPE, PlatformClaims.REFRESH::equals))));
	}

	/**
	 * Verify a refresh token.
	 * @param token the compact JWT
	 * @return its claims, or empty when it is not a valid, unexpired refresh token
	 */
	public Optional<RefreshClaims> verify(String token) {
		if (token == null || token.isBlank()) {
			return Optional.empty();
		}
		try {
			Jwt jwt = this.decoder.decode(token);
			String jti = jwt.getId();
			String subject = jwt.getSubject();
			String tenant = jwt.getClaimAsString(PlatformClaims.TENANT_ID);
			Instant expiresAt = jwt.getExpiresAt();
			if (jti == null || subject == null || tenant == null || expiresAt == null) {
				return Optional.empty();
			}
			return Optional.of(new RefreshClaims(UUID.fromString(jti), UUID.fromString(subject),
					UUID.fromString(tenant), expiresAt));
		}
		catch (JwtException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
