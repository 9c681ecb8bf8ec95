package io.temponest.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.temponest.auth.AuthProperties;
import io.temponest.security.autoconfigure.PlatformSecurityProperties;
import io.temponest.security.PlatformClaims;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs access and refresh tokens with RS256 and the current key id. Access tokens carry
 * the user's grants; refresh tokens carry only who and which tenant.
 */
@Component
public class TokenIssuer {

	private final NimbusJwtEncoder encoder;

	private final String keyId;

	private final PlatformSecurityProperties.Jwt platform;

	private final Duration accessTokenTtl;

	private final Duration refreshTokenTtl;

	private final Counter accessIssued;

	private final Counter refreshIssued;

	private final Counter delegatedIssued;

	private final Clock clock;

	@Autowired
	public TokenIssuer(SigningKeys keys, AuthProperties properties, PlatformSecurityProperties platform,
			MeterRegistry meters) {
		this(keys, properties, platform, meters, Clock.systemUTC());
	}

	TokenIssuer(SigningKeys keys, AuthProperties properties, PlatformSecurityProperties platform, MeterRegistry meters,
			Clock clock) {
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
		this.keyId = keys.signingKey().getKeyID();
		this.platform = platform.jwt();
		this.accessTokenTtl = properties.jwt().accessTokenTtl();
		this.refreshTokenTtl = properties.jwt().refreshTokenTtl();
		this.accessIssued = issuedCounter(meters, PlatformClaims.ACCESS);
		this.refreshIssued = issuedCounter(meters, PlatformClaims.REFRESH);
		this.delegatedIssued = issuedCounter(meters, "delegated");
		this.clock = clock;
	}

	/**
	 * Issue an access token.
	 * @param subject the user and its grants
	 * @return the signed token
	 */
	public IssuedToken issueAccess(AccessTokenSubject subject) {
		Instant now = now();
		JwtClaimsSet claims = access(subject, now, now.plus(this.accessTokenTtl)).build();
		this.accessIssued.increment();
		return encode(claims);
	}

	/**
	 * Issue a short-lived access token for a user that a registered service acts for (RFC
	 * 8693 token exchange): the user's grants plus an {@code act} claim naming the
	 * service.
	 * @param subject the user and its grants
	 * @param actor the service's client id
	 * @param ttl the token's lifetime
	 * @return the signed token
	 */
	public IssuedToken issueDelegated(AccessTokenSubject subject, String actor, Duration ttl) {
		Instant now = now();
		JwtClaimsSet claims = access(subject, now, now.plus(ttl))
			.claim(PlatformClaims.ACT, Map.of(JwtClaimNames.SUB, actor))
			.build();
		this.delegatedIssued.increment();
		return encode(claims);
	}

	/**
	 * Issue a refresh token whose id is a stored refresh-token row.
	 * @param userId the user
	 * @param tenantId the user's tenant
	 * @param jti the token id (the row's id)
	 * @param expiresAt when it expires (the row's expiry)
	 * @return the signed token
	 */
	public IssuedToken issueRefresh(UUID userId, UUID tenantId, UUID jti, Instant expiresAt) {
		return issueRefresh(userId, tenantId, jti, now(), expiresAt);
	}

	/**
	 * Issue a refresh token with a given issue time. Signing the same claims again with
	 * the same key gives the same token (RS256 signatures are deterministic).
	 * @param userId the user
	 * @param tenantId the user's tenant
	 * @param jti the token id (the row's id)
	 * @param issuedAt its {@code iat} (the row's issue time, whole seconds)
	 * @param expiresAt when it expires (the row's expiry)
	 * @return the signed token
	 */
	public IssuedToken issueRefresh(UUID userId, UUID tenantId, UUID jti, Instant issuedAt, Instant expiresAt) {
		JwtClaimsSet claims = base(userId, tenantId, jti, issuedAt, expiresAt)
			.claim(PlatformClaims.TYPE, PlatformClaims.REFRESH)
			.build();
		this.refreshIssued.increment();
		return encode(claims);
	}

	/**
	 * When a refresh token issued now expires.
	 * @return the expiry, to whole seconds
	 */
	public Instant refreshExpiry() {
		return now().plus(this.refreshTokenTtl);
	}

	/**
	 * The lifetime of access tokens.
	 * @return the lifetime
	 */
	public Duration accessTokenTtl() {
		return this.accessTokenTtl;
	}

	private JwtClaimsSet.Builder access(AccessTokenSubject subject, Instant issuedAt, Instant expiresAt) {
		return base(subject.userId(), subject.tenantId(), UUID.randomUUID(), issuedAt, expiresAt)
			.claim(PlatformClaims.EMAIL, subject.email())
			.claim(PlatformClaims.ROLES, subject.roles())
			.claim(PlatformClaims.PERMISSIONS, subject.permissions())
			.claim(PlatformClaims.IS_SUPERUSER, subject.superuser())
			.claim(PlatformClaims.TYPE, PlatformClaims.ACCESS);
	}

	private JwtClaimsSet.Builder base(UUID userId, UUID tenantId, UUID jti, Instant issuedAt, Instant expiresAt) {
		return JwtClaimsSet.builder()
			.issuer(this.platform.issuer())
			.audience(List.of(this.platform.audience()))
			.subject(userId.toString())
			.claim(PlatformClaims.TENANT_ID, tenantId.toString())
			.issuedAt(issuedAt)
			.expiresAt(expiresAt)
			.id(jti.toString());
	}

	private IssuedToken encode(JwtClaimsSet claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").keyId(this.keyId).build();
		String value = this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
		return new IssuedToken(value, claims.getId(), claims.getIssuedAt(), claims.getExpiresAt());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
	}

	private static Counter issuedCounter(MeterRegistry meters, String type) {
		return Counter.builder("temponest.auth.tokens.issued")
			.description("Tokens issued by the auth service")
			.tag("type", type)
			.register(meters);
	}

}
