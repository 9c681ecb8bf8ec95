package io.temponest.auth.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code invitations} table. */
@Component
class InvitationStore {

	private final JdbcClient jdbc;

	InvitationStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Find by token hash across tenants (security-definer lookup; no transaction needed).
	 */
	Optional<Found> find(String tokenHash) {
		return this.jdbc.sql("SELECT invitation_id, tenant_id FROM auth.find_invitation(:hash)")
			.param("hash", tokenHash)
			.query((rs, row) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	UUID insert(UUID tenantId, String email, List<String> roles, String tokenHash, @Nullable UUID invitedBy,
			Instant expiresAt) {
		return this.jdbc.sql("""
				INSERT INTO auth.invitations (tenant_id, email, roles, token_hash, invited_by, expires_at)
				VALUES (:tenantId, :email, :roles, :hash, :invitedBy, :expiresAt) RETURNING id
				""")
			.param("tenantId", tenantId)
			.param("email", email)
			.param("roles", roles.toArray(String[]::new))
			.param("hash", tokenHash)
			.param("invitedBy", invitedBy)
			.param("expiresAt", Rows.timestamp(expiresAt))
			.query(UUID.class)
			.single();
	}

	/** Lock an invitation for acceptance (two registrations cannot both use it). */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Pending> lockPending(UUID id) {
		return this.jdbc.sql("""
				SELECT email, roles FROM auth.invitations
				WHERE id = :id AND accepted_at IS NULL AND expires_at > now() FOR UPDATE
				""")
			.param("id", id)
			.query((rs, row) -> new Pending(rs.getString("email"), Rows.strings(rs, "roles")))
			.optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void markAccepted(UUID id, UUID userId) {
		this.jdbc.sql("UPDATE auth.invitations SET accepted_at = now(), accepted_by = :userId WHERE id = :id")
			.param("userId", userId)
			.param("id", id)
			.update();
	}

	/**
	 * An invitation found by its token.
	 *
	 * @param id the invitation
	 * @param tenantId its tenant
	 */
	record Found(UUID id, UUID tenantId) {

	}

	/**
	 * An invitation that can still be accepted.
	 *
	 * @param email the invited address
	 * @param roles the roles it grants
	 */
	record Pending(String email, List<String> roles) {

	}

}
