package io.temponest.auth.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.auth.support.Rows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code api_keys} table, used inside the caller's tenant transaction. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ApiKeyStore {

	private static final String COLUMNS = """
			id, key_prefix, name, tenant_id, user_id, scopes, expires_at, last_used_at, created_at,
			(is_active AND (expires_at IS NULL OR expires_at > now())) AS usable
			""";

	private final JdbcClient jdbc;

	ApiKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ApiKeyView insert(UUID tenantId, @Nullable UUID userId, ApiKeyGenerator.GeneratedKey key, String name,
			List<String> scopes, @Nullable Instant expiresAt) {
		return this.jdbc.sql("""
				INSERT INTO auth.api_keys (key_hash, key_prefix, name, tenant_id, user_id, scopes, expires_at)
				VALUES (:hash, :prefix, :name, :tenantId, :userId, :scopes, :expiresAt)
				RETURNING
				""" + COLUMNS)
			.param("hash", key.hash())
			.param("prefix", key.prefix())
			.param("name", name)
			.param("tenantId", tenantId)
			.param("userId", userId)
			.param("scopes", scopes.toArray(String[]::new))
			.param("expiresAt", Rows.timestamp(expiresAt))
			.query((rs, row) -> view(rs))
			.single();
	}

	List<ApiKeyView> list(UUID tenantId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM auth.api_keys WHERE tenant_id = :tenantId ORDER BY created_at DESC, id DESC")
			.param("tenantId", tenantId)
			.query((rs, row) -> view(rs))
			.list();
	}

	Optional<ApiKeyView> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM auth.api_keys WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> view(rs))
			.optional();
	}

	/** Soft-revoke a key; returns its hash (to evict cached verdicts) if it exists. */
	Optional<String> revoke(UUID id) {
		return this.jdbc.sql("UPDATE auth.api_keys SET is_active = false WHERE id = :id RETURNING key_hash")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	Optional<KeyOwner> owner(UUID id) {
		return this.jdbc.sql("""
				SELECT k.user_id, k.scopes, u.email, u.is_active AS user_active, u.is_superuser
				FROM auth.api_keys k
				JOIN auth.tenants t ON t.id = k.tenant_id
				LEFT JOIN auth.users u ON u.id = k.user_id
				WHERE k.id = :id AND k.is_active AND (k.expires_at IS NULL OR k.expires_at > now()) AND t.is_active
				""")
			.param("id", id)
			.query((rs, row) -> new KeyOwner(rs.getObject("user_id", UUID.class), Rows.strings(rs, "scopes"),
					rs.getString("email"), rs.getBoolean("user_active"), rs.getBoolean("is_superuser")))
			.optional();
	}

	/** Record use, at most once a minute per key (a write per request would add up). */
	void touch(UUID id) {
		this.jdbc.sql("""
				UPDATE auth.api_keys SET last_used_at = now()
				WHERE id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
				""").param("id", id).update();
	}

	private static ApiKeyView view(ResultSet rs) throws SQLException {
		return new ApiKeyView(rs.getObject("id", UUID.class), rs.getString("key_prefix"), rs.getString("name"),
				rs.getObject("tenant_id", UUID.class), rs.getObject("user_id", UUID.class), Rows.strings(rs, "scopes"),
				Rows.instant(rs, "expires_at"), Rows.instant(rs, "last_used_at"),
				Rows.requiredInstant(rs, "created_at"), rs.getBoolean("usable"));
	}

	/**
	 * A usable key's owner.
	 *
	 * @param userId the owning user, or {@code null} for a service key
	 * @param scopes the key's scopes
	 * @param email the owner's email, if any
	 * @param userActive whether the owner is active (false without owner)
	 * @param superuser whether the owner is a superuser
	 */
	record KeyOwner(@Nullable UUID userId, List<String> scopes, @Nullable String email, boolean userActive,
			boolean superuser) {

	}

}
