package io.temponest.auth.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
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

/** The {@code api_keys} table, used inside the caller's tenant transaction. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ApiKeyStore {

	private static final String COLUMNS = """
			id, key_prefix, name, tenant_id, user_id, scopes, expires_at, last_used_at, created_at, parent_key_id,
			(is_active AND (expires_at IS NULL OR expires_at > now())) AS usable
			""";

	/** The key {@code :id} and every key created with it, directly or not. */
	private static final String TREE = """
			WITH RECURSIVE tree AS (
				SELECT id FROM auth.api_keys WHERE id = :id
				UNION
				SELECT k.id FROM auth.api_keys k JOIN tree t ON k.parent_key_id = t.id
			)
			""";

	private final JdbcClient jdbc;

	ApiKeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ApiKeyView insert(UUID tenantId, @Nullable UUID userId, @Nullable UUID parentKeyId,
			ApiKeyGenerator.GeneratedKey key, String name, List<String> scopes, @Nullable Instant expiresAt) {
		return this.jdbc.sql("""
				INSERT INTO auth.api_keys (key_hash, key_prefix, name, tenant_id, user_id, parent_key_id, scopes,
					expires_at)
				VALUES (:hash, :prefix, :name, :tenantId, :userId, :parentKeyId, :scopes, :expiresAt)
				RETURNING
				""" + COLUMNS)
			.param("hash", key.hash())
			.param("prefix", key.prefix())
			.param("name", name)
			.param("tenantId", tenantId)
			.param("userId", userId)
			.param("parentKeyId", parentKeyId)
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

	/**
	 * Lock a usable key against revocation until the transaction ends, so that a key it
	 * creates meanwhile cannot escape a concurrent revocation.
	 * @param id the key
	 * @return the key's expiry, or empty if it is revoked, expired or unknown
	 */
	Optional<ParentKey> lockUsable(UUID id) {
		return this.jdbc.sql("""
				SELECT expires_at FROM auth.api_keys
				WHERE id = :id AND is_active AND (expires_at IS NULL OR expires_at > now())
				FOR SHARE
				""").param("id", id).query((rs, row) -> new ParentKey(Rows.instant(rs, "expires_at"))).optional();
	}

	/**
	 * Soft-revoke a key and every key created with it, directly or not.
	 * @param id the key
	 * @return the revoked keys (empty if the key is unknown), the key itself included
	 */
	List<RevokedKey> revokeWithDescendants(UUID id) {
		// Lock the tree first: a key being created with one of these keys (which holds a
		// share lock on it) commits before the update below reads the tree again, and one
		// created later sees its parent revoked.
		this.jdbc.sql(TREE + "SELECT k.id FROM auth.api_keys k WHERE k.id IN (SELECT id FROM tree) FOR UPDATE")
			.param("id", id)
			.query(UUID.class)
			.list();
		return this.jdbc.sql(TREE + """
				, before AS (SELECT k.id, k.is_active FROM auth.api_keys k JOIN tree USING (id))
				UPDATE auth.api_keys k SET is_active = false FROM before b WHERE k.id = b.id
				RETURNING k.id, k.key_hash, k.key_prefix, k.name, k.expires_at, b.is_active AS was_active
				""")
			.param("id", id)
			.query((rs, row) -> new RevokedKey(rs.getObject("id", UUID.class), rs.getString("key_hash"),
					rs.getString("key_prefix"), rs.getString("name"), Rows.instant(rs, "expires_at"),
					rs.getBoolean("was_active")))
			.list();
	}

	Optional<KeyOwner> owner(UUID id) {
		return this.jdbc.sql("""
				SELECT k.user_id, k.scopes, k.expires_at, u.email, u.is_active AS user_active, u.is_superuser
				FROM auth.api_keys k
				JOIN auth.tenants t ON t.id = k.tenant_id
				LEFT JOIN auth.users u ON u.id = k.user_id
				WHERE k.id = :id AND k.is_active AND (k.expires_at IS NULL OR k.expires_at > now()) AND t.is_active
				""")
			.param("id", id)
			.query((rs, row) -> new KeyOwner(rs.getObject("user_id", UUID.class), Rows.strings(rs, "scopes"),
					Rows.instant(rs, "expires_at"), rs.getString("email"), rs.getBoolean("user_active"),
					rs.getBoolean("is_superuser")))
			.optional();
	}

	/**
	 * Record use, at most once a minute per key (a write per request would add up);
	 * called when a verdict is fetched, so a key in steady use is seen within the verdict
	 * cache's time plus that minute.
	 */
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
				Rows.requiredInstant(rs, "created_at"), rs.getBoolean("usable"),
				rs.getObject("parent_key_id", UUID.class));
	}

	/**
	 * A usable key that is creating another.
	 *
	 * @param expiresAt when it expires, or {@code null} for never
	 */
	record ParentKey(@Nullable Instant expiresAt) {

	}

	/**
	 * A key that has just been revoked.
	 *
	 * @param id the key id
	 * @param hash its SHA-256 hex
	 * @param prefix the first characters of the key, as listed
	 * @param name its name
	 * @param expiresAt when it expires, or {@code null} for never
	 * @param wasActive whether it was active before (false when revoked again)
	 */
	record RevokedKey(UUID id, String hash, String prefix, String name, @Nullable Instant expiresAt,
			boolean wasActive) {

		@Override
		public String toString() {
			return "RevokedKey[id=" + this.id + "]";
		}

	}

	/**
	 * A usable key's owner.
	 *
	 * @param userId the owning user, or {@code null} for a service key
	 * @param scopes the key's scopes
	 * @param expiresAt when the key expires, or {@code null} for never
	 * @param email the owner's email, if any
	 * @param userActive whether the owner is active (false without owner)
	 * @param superuser whether the owner is a superuser
	 */
	record KeyOwner(@Nullable UUID userId, List<String> scopes, @Nullable Instant expiresAt, @Nullable String email,
			boolean userActive, boolean superuser) {

	}

}
