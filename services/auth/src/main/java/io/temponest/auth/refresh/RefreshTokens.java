package io.temponest.auth.refresh;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.temponest.auth.support.Rows;
import io.temponest.auth.token.IssuedToken;
import io.temponest.auth.token.RefreshClaims;
import io.temponest.auth.token.RefreshTokenVerifier;
import io.temponest.auth.token.TokenIssuer;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stored refresh tokens. Each login starts a family; every use rotates the token (the
 * presented one is atomically marked used and a successor issued); presenting a used or
 * revoked token again means it was stolen or replayed, and the caller then revokes the
 * whole family. Methods marked so run in the caller's tenant transaction.
 */
@Component
public class RefreshTokens {

	private final JdbcClient jdbc;

	private final TokenIssuer issuer;

	private final RefreshTokenVerifier verifier;

	public RefreshTokens(JdbcClient jdbc, TokenIssuer issuer, RefreshTokenVerifier verifier) {
		this.jdbc = jdbc;
		this.issuer = issuer;
		this.verifier = verifier;
	}

	/**
	 * Verify a refresh token's signature, issuer, audience, expiry and type.
	 * @param token the compact JWT
	 * @return its claims, or empty when it is not a valid refresh token
	 */
	public Optional<RefreshClaims> verify(String token) {
		return this.verifier.verify(token);
	}

	/**
	 * The tenant of a stored refresh token, found before the tenant is known (through the
	 * {@code auth.find_refresh_token} security-definer function).
	 * @param jti the token id
	 * @return the tenant, if the token is stored
	 */
	public Optional<UUID> tenantOf(UUID jti) {
		return this.jdbc.sql("SELECT auth.find_refresh_token(:jti)").param("jti", jti).query(UUID.class).optional();
	}

	/**
	 * Store and sign a new refresh token.
	 * @param userId the user
	 * @param tenantId the user's tenant (the current transaction's)
	 * @param familyId the family to continue, or {@code null} to start one (login)
	 * @param replaces the token this one succeeds, if any
	 * @return the signed token
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public IssuedToken issue(UUID userId, UUID tenantId, @Nullable UUID familyId, @Nullable UUID replaces) {
		UUID jti = UUID.randomUUID();
		Instant expiresAt = this.issuer.refreshExpiry();
		this.jdbc.sql("""
				INSERT INTO auth.refresh_tokens (id, family_id, user_id, tenant_id, expires_at)
				VALUES (:id, :familyId, :userId, :tenantId, :expiresAt)
				""")
			.param("id", jti)
			.param("familyId", (familyId != null) ? familyId : UUID.randomUUID())
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("expiresAt", Rows.timestamp(expiresAt))
			.update();
		if (replaces != null) {
			this.jdbc.sql("UPDATE auth.refresh_tokens SET replaced_by = :next WHERE id = :id")
				.param("next", jti)
				.param("id", replaces)
				.update();
		}
		return this.issuer.issueRefresh(userId, tenantId, jti, expiresAt);
	}

	/**
	 * Use a refresh token: atomically mark it used if it is live.
	 * @param claims the verified token
	 * @return whether it was consumed, replayed or invalid
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Consumption consume(RefreshClaims claims) {
		Optional<UUID> consumed = this.jdbc.sql("""
				UPDATE auth.refresh_tokens SET used_at = now()
				WHERE id = :id AND user_id = :userId AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
				RETURNING family_id
				""").param("id", claims.jti()).param("userId", claims.userId()).query(UUID.class).optional();
		if (consumed.isPresent()) {
			return new Consumption(Consumption.Outcome.CONSUMED, consumed.get());
		}
		return this.jdbc.sql("""
				SELECT family_id, (used_at IS NOT NULL OR revoked_at IS NOT NULL) AS spent
				FROM auth.refresh_tokens WHERE id = :id AND user_id = :userId
				""")
			.param("id", claims.jti())
			.param("userId", claims.userId())
			.query((rs, row) -> new Consumption(
					rs.getBoolean("spent") ? Consumption.Outcome.REUSED : Consumption.Outcome.INVALID,
					rs.getObject("family_id", UUID.class)))
			.optional()
			.orElse(new Consumption(Consumption.Outcome.INVALID, null));
	}

	/**
	 * Revoke every live token of a family (reuse detected, or logout).
	 * @param familyId the family
	 * @return how many tokens were revoked
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int revokeFamily(UUID familyId) {
		return this.jdbc
			.sql("UPDATE auth.refresh_tokens SET revoked_at = now() WHERE family_id = :familyId "
					+ "AND revoked_at IS NULL")
			.param("familyId", familyId)
			.update();
	}

	/**
	 * The family of a stored token.
	 * @param jti the token id
	 * @param userId the user it must belong to
	 * @return the family, if the token is stored for that user
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> familyOf(UUID jti, UUID userId) {
		return this.jdbc.sql("SELECT family_id FROM auth.refresh_tokens WHERE id = :id AND user_id = :userId")
			.param("id", jti)
			.param("userId", userId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Revoke every live token of a user (deactivation).
	 * @param userId the user
	 * @return how many tokens were revoked
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int revokeAllOf(UUID userId) {
		return this.jdbc
			.sql("UPDATE auth.refresh_tokens SET revoked_at = now() WHERE user_id = :userId "
					+ "AND revoked_at IS NULL AND expires_at > now()")
			.param("userId", userId)
			.update();
	}

}
