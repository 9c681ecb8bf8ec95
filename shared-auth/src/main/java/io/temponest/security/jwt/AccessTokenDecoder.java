package io.temponest.security.jwt;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.security.RevokedTokens;
import io.temponest.security.TokenVerificationMetrics;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies platform access tokens locally: RS256 signature against the platform keys,
 * {@code exp} (required, with clock skew), {@code iss}, {@code aud}, the access-token
 * claims, and that the token id is not on the deny-list. A token verified recently is
 * taken from {@link VerifiedTokens} instead of being verified again (its expiry and the
 * deny-list are still checked on every use). Every outcome is counted.
 */
public final class AccessTokenDecoder implements JwtDecoder {

	/** Slots of the verified-token cache (about 3 KB each when full). */
	static final int VERIFIED_TOKENS = 4096;

	private final JwtDecoder verifier;

	private final RevokedTokens revokedTokens;

	private final TokenVerificationMetrics metrics;

	private final VerifiedTokens verified;

	/**
	 * Create a decoder.
	 * @param verifier checks signature and claims (see {@link #verifier})
	 * @param revokedTokens the deny-list
	 * @param metrics the verification counters
	 * @param clockSkew the tolerance the verifier applies to {@code exp}
	 * @param keySetCacheTime how long the verifier trusts a fetched key set; a verified
	 * token is trusted without a new verification for at most that long
	 */
	public AccessTokenDecoder(JwtDecoder verifier, RevokedTokens revokedTokens, TokenVerificationMetrics metrics,
			Duration clockSkew, Duration keySetCacheTime) {
		this.verifier = verifier;
		this.revokedTokens = revokedTokens;
		this.metrics = metrics;
		this.verified = new VerifiedTokens(VERIFIED_TOKENS, keySetCacheTime, clockSkew, Clock.systemUTC());
	}

	/**
	 * Build the signature and claims verifier of platform access tokens.
	 * @param keys the platform's public keys
	 * @param issuer the required {@code iss}
	 * @param audience the required {@code aud} entry
	 * @param clockSkew tolerance for {@code exp} and {@code nbf}
	 * @return a decoder that accepts RS256 only and validates the claims
	 */
	public static NimbusJwtDecoder verifier(JWKSource<SecurityContext> keys, String issuer, String audience,
			Duration clockSkew) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.jwtProcessorCustomizer((processor) -> processor.setJWSKeySelector(new CachingKeySelector(keys)))
			.build();
		decoder.setClaimSetConverter(new AccessTokenClaimSetConverter());
		JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
		timestamps.setAllowEmptyExpiryClaim(false);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer),
				new JwtAudienceValidator(audience), new AccessTokenClaimsValidator()));
		return decoder;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.get(token);
		if (jwt == null) {
			try {
				jwt = this.verifier.decode(token);
			}
			catch (JwtException ex) {
				this.metrics.jwtInvalid();
				throw ex;
			}
			this.verified.put(jwt);
		}
		if (this.revokedTokens.isRevoked(jwt.getId())) {
			this.metrics.jwtRevoked();
			throw new BadJwtException("The token has been revoked");
		}
		this.metrics.jwtValid();
		return jwt;
	}

}
