package io.temponest.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Mints platform tokens (valid and forged) with test RSA keys. */
public final class TestTokens {

	public static final String KEY_ID = "test-key-1";

	public static final String ISSUER = "temponest-auth";

	public static final String AUDIENCE = "temponest";

	private static final RSAKey KEY = generateKey(KEY_ID);

	private TestTokens() {
	}

	public static RSAKey key() {
		return KEY;
	}

	public static RSAKey generateKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static JWKSource<SecurityContext> jwkSource() {
		return new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()));
	}

	/** Claims of a valid access token: viewer role, the given permissions, 60 minutes. */
	public static JWTClaimsSet.Builder accessClaims(UUID userId, UUID tenantId, List<String> permissions) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(userId.toString())
			.claim("tenant_id", tenantId.toString())
			.claim("email", "user@example.com")
			.claim("roles", List.of("viewer"))
			.claim("permissions", permissions)
			.claim("is_superuser", false)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(60))))
			.jwtID(UUID.randomUUID().toString())
			.claim("type", "access");
	}

	public static JWTClaimsSet.Builder accessClaims(String... permissions) {
		return accessClaims(UUID.randomUUID(), UUID.randomUUID(), List.of(permissions));
	}

	public static String access(String... permissions) {
		return sign(accessClaims(permissions).build());
	}

	public static String sign(JWTClaimsSet claims) {
		return sign(claims, KEY);
	}

	public static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String signHs256(JWTClaimsSet claims, byte[] secret, String keyId) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId).build(), claims);
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String unsigned(JWTClaimsSet claims) {
		return new PlainJWT(claims).serialize();
	}

}
