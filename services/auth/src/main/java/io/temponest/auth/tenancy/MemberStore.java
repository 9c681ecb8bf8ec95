package io.temponest.auth.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Members of the current transaction's tenant, with their roles in one query. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class MemberStore {

	private static final String SELECT = """
			SELECT u.id, u.email, u.full_name, u.is_active, u.is_superuser, u.created_at, u.last_login_at,
				ARRAY(SELECT r.name FROM auth.user_roles ur JOIN auth.roles r ON r.id = ur.role_id
					WHERE ur.user_id = u.id ORDER BY r.name) AS roles
			FROM auth.users u
			""";

	private final JdbcClient jdbc;

	MemberStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A page ordered by lower(email), after a cursor (keyset on the tenant/email index).
	 */
	List<MemberView> page(UUID tenantId, @Nullable String afterEmail, int limit) {
		return this.jdbc.sql(SELECT + """
				WHERE u.tenant_id = :tenantId AND (CAST(:after AS text) IS NULL OR lower(u.email) > :after)
				ORDER BY lower(u.email) LIMIT :limit
				""")
			.param("tenantId", tenantId)
			.param("after", afterEmail)
			.param("limit", limit)
			.query((rs, row) -> view(rs))
			.list();
	}

	Optional<MemberView> find(UUID userId) {
		return this.jdbc.sql(SELECT + " WHERE u.id = :id").param("id", userId).query((rs, row) -> view(rs)).optional();
	}

	/** Active admins of the current tenant. */
	int activeAdmins(UUID tenantId) {
		return this.jdbc.sql("""
				SELECT count(*) FROM auth.users u
				JOIN auth.user_roles ur ON ur.user_id = u.id JOIN auth.roles r ON r.id = ur.role_id
				WHERE u.tenant_id = :tenantId AND u.is_active AND r.name = 'admin'
				""").param("tenantId", tenantId).query(Integer.class).single();
	}

	private static MemberView view(ResultSet rs) throws SQLException {
		return new MemberView(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
				rs.getBoolean("is_active"), rs.getBoolean("is_superuser"), Rows.strings(rs, "roles"),
				Rows.requiredInstant(rs, "created_at"), Rows.instant(rs, "last_login_at"));
	}

}
