package io.temponest.auth.refresh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.temponest.auth.AuthProperties;
import io.temponest.security.database.Rows;
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
 * whole family. One exception, the reuse grace period: the immediate predecessor of a
 * family's current token, presented again within the grace period after its rotation
 * while that successor is still unused, gets the same successor again (the client lost
 * the response, or sent two refreshes at once). Methods marked so run in the caller's
 * tenant transaction.
 */
@Component
public class RefreshTokens {

	private final JdbcClient jdbc;

	private final TokenIssuer issuer;

	private final RefreshTokenVerifier verifier;

	private final Duration reuseGrace;

	private final Clock clock;

	public RefreshTokens(JdbcClient jdbc, TokenIssuer issuer, RefreshTokenVerifier verifier, AuthProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.issuer = issuer;
		this.verifier = verifier;
		this.reuseGrace = properties.refreshReuseGrace();
		this.clock = clock;
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
		IssuedToken token = this.issuer.issueRefresh(userId, tenantId, jti, this.issuer.refreshExpiry());
		this.jdbc.sql("""
				INSERT INTO auth.refresh_tokens (id, family_id, user_id, tenant_id, issued_at, expires_at)
				VALUES (:id, :familyId, :userId, :tenantId, :issuedAt, :expiresAt)
				""")
			.param("id", jti)
			.param("familyId", (familyId != null) ? familyId : UUID.randomUUID())
			.param("userId", userId)
			.param("tenantId", tenantId)
			.param("issuedAt", Rows.timestamp(token.issuedAt()))
			.param("expiresAt", Rows.timestamp(token.expiresAt()))
			.update();
		if (replaces != null) {
			this.jdbc.sql("UPDATE auth.refresh_tokens SET replaced_by = :next WHERE id = :id")
				.param("next", jti)
				.param("id", replaces)
				.update();
		}
		return token;
	}

	/**
	 * Sign a stored successor again: the same claims and key give the same token the
	 * rotation handed out.
	 * @param userId the user
	 * @param tenantId the user's tenant
	 * @param successor the stored successor
	 * @return the signed token
	 */
	public IssuedToken reissue(UUID userId, UUID tenantId, Consumption.Successor successor) {
		return this.issuer.issueRefresh(userId, tenantId, successor.jti(), successor.issuedAt(), successor.expiresAt());
	}

	/**
	 * Use a refresh token: atomically mark it used if it is live; otherwise tell a
	 * re-presentation within the reuse grace period from a replay.
	 * @param claims the verified token
	 * @return whether it was consumed, re-presented within the grace period, replayed or
	 * invalid
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Consumption consume(RefreshClaims claims) {
		Instant now = this.clock.instant();
		Optional<UUID> consumed = this.jdbc.sql("""
				UPDATE auth.refresh_tokens SET used_at = :now
				WHERE id = :id AND user_id = :userId AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
				RETURNING family_id
				""")
			.param("now", Rows.timestamp(now))
			.param("id", claims.jti())
			.param("userId", claims.userId())
			.query(UUID.class)
			.optional();
		if (consumed.isPresent()) {
			return new Consumption(Consumption.Outcome.CONSUMED, consumed.get());
		}
		Optional<Spent> spent = this.jdbc.sql("""
				SELECT family_id, used_at, revoked_at IS NOT NULL AS revoked, replaced_by
				FROM auth.refresh_tokens WHERE id = :id AND user_id = :userId
				""")
			.param("id", claims.jti())
			.param("userId", claims.userId())
			.query((rs, row) -> new Spent(rs.getObject("family_id", UUID.class), Rows.instant(rs, "used_at"),
					rs.getBoolean("revoked"), rs.getObject("replaced_by", UUID.class)))
			.optional();
		if (spent.isEmpty()) {
			return new Consumption(Consumption.Outcome.INVALID, null);
		}
		Spent token = spent.get();
		if (token.usedAt() == null && !token.revoked()) {
			return new Consumption(Consumption.Outcome.INVALID, token.familyId());
		}
		return liveSuccessorWithinGrace(token, now)
			.map((successor) -> new Consumption(Consumption.Outcome.GRACE, token.familyId(), successor))
			.orElseGet(() -> new Consumption(Consumption.Outcome.REUSED, token.familyId()));
	}

	/**
	 * The successor of a token rotated no longer than the grace period ago, if that
	 * successor is still unused, unrevoked and unexpired; the row is share-locked, so a
	 * concurrent use of the successor waits for this transaction and is then seen.
	 */
	private Optional<Consumption.Successor> liveSuccessorWithinGrace(Spent token, Instant now) {
		Instant usedAt = token.usedAt();
		UUID successor = token.replacedBy();
		if (token.revoked() || usedAt == null || successor == null || this.reuseGrace.isZero()
				|| now.isAfter(usedAt.plus(this.reuseGrace))) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT id, issued_at, expires_at FROM auth.refresh_tokens
				WHERE id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
				FOR SHARE
				""")
			.param("id", successor)
			.query((rs, row) -> new Consumption.Successor(rs.getObject("id", UUID.class),
					Rows.requiredInstant(rs, "issued_at"), Rows.requiredInstant(rs, "expires_at")))
			.optional();
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

	/** A token that could not be consumed, as stored. */
	private record Spent(UUID familyId, @Nullable Instant usedAt, boolean revoked, @Nullable UUID replacedBy) {

	}

}
