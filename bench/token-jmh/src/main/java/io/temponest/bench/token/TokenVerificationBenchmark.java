package io.temponest.bench.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.temponest.security.RevokedTokens;
import io.temponest.security.TokenVerificationMetrics;
import io.temponest.security.jwt.AccessTokenClaimsValidator;
import io.temponest.security.jwt.AccessTokenDecoder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The cost of verifying one platform access token (RS256 signature, {@code exp},
 * {@code iss}, {@code aud}, the access-token claims, and the deny-list), three ways: the
 * way Spring Security builds a decoder from a key source (the key converted from the JWK
 * for every token), the platform's verifier for a token it has not seen (key converted
 * once), and the platform's decoder for a token it verified recently (the usual case: a
 * client sends the same token until it expires).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class TokenVerificationBenchmark {

	private static final String ISSUER = "temponest-auth";

	private static final String AUDIENCE = "temponest-api";

	private static final Duration SKEW = Duration.ofSeconds(30);

	private String token;

	private JwtDecoder springDefault;

	private JwtDecoder freshVerifier;

	private JwtDecoder platformDecoder;

	private RevokedTokens revokedTokens;

	@Setup
	public void setUp() throws JOSEException {
		KeyPair keyPair = rsaKeyPair();
		RSAKey jwk = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic()).keyID("bench-key").build();
		JWKSource<SecurityContext> keys = new ImmutableJWKSet<>(new JWKSet(List.of(jwk)));
		this.token = sign(keyPair, "bench-key");
		this.revokedTokens = new DenyList();
		NimbusJwtDecoder plain = NimbusJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
		plain.setJwtValidator(validator());
		this.springDefault = plain;
		this.freshVerifier = AccessTokenDecoder.verifier(keys, ISSUER, AUDIENCE, SKEW);
		this.platformDecoder = new AccessTokenDecoder(AccessTokenDecoder.verifier(keys, ISSUER, AUDIENCE, SKEW),
				this.revokedTokens, new TokenVerificationMetrics(new SimpleMeterRegistry()), SKEW,
				Duration.ofMinutes(5));
	}

	/** Spring Security's decoder built from the key source, plus the deny-list check. */
	@Benchmark
	public boolean springDefaultDecoder() {
		Jwt jwt = this.springDefault.decode(this.token);
		return this.revokedTokens.isRevoked(jwt.getId());
	}

	/** The platform's verifier on a token it has not seen, plus the deny-list check. */
	@Benchmark
	public boolean platformVerifierFirstSight() {
		Jwt jwt = this.freshVerifier.decode(this.token);
		return this.revokedTokens.isRevoked(jwt.getId());
	}

	/** The platform's decoder (what every request runs) on a token verified recently. */
	@Benchmark
	public Jwt platformDecoderRepeatedToken() {
		return this.platformDecoder.decode(this.token);
	}

	private static DelegatingOAuth2TokenValidator<Jwt> validator() {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(SKEW);
		timestamps.setAllowEmptyExpiryClaim(false);
		return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER),
				new JwtAudienceValidator(AUDIENCE), new AccessTokenClaimsValidator());
	}

	private static String sign(KeyPair keyPair, String kid) throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(UUID.randomUUID().toString())
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(2))))
			.claim("type", "access")
			.claim("tenant_id", UUID.randomUUID().toString())
			.claim("email", "bench@example.com")
			.claim("roles", List.of("developer"))
			.claim("permissions", List.of("agents:read", "agents:execute", "schedules:read", "schedules:write"))
			.claim("is_superuser", false)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		jwt.sign(new RSASSASigner((RSAPrivateKey) keyPair.getPrivate()));
		return jwt.serialize();
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
