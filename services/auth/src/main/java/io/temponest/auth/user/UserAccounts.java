package io.temponest.auth.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.temponest.security.database.Rows;
import io.temponest.security.tenant.TenantQueries;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.security.AuthPrincipal;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * User accounts. Everything but {@link #findLogin} and {@link #requireActive} runs inside
 * the caller's tenant transaction, where row-level security limits it to that tenant.
 */
@Component
public class UserAccounts {

	/** The role and permission names of user {@code u}, sorted, as two array columns. */
	private static final String GRANTS = """
				ARRAY(SELECT r.name FROM auth.user_roles ur JOIN auth.roles r ON r.id = ur.role_id
					WHERE ur.user_id = u.id ORDER BY r.name) AS roles,
				ARRAY(SELECT DISTINCT p.name FROM auth.user_roles ur
					JOIN auth.role_permissions rp ON rp.role_id = ur.role_id
					JOIN auth.permissions p ON p.id = rp.permission_id
					WHERE ur.user_id = u.id ORDER BY p.name) AS permissions
			""";

	/** The user, its tenant's name and its grants in one statement (one round trip). */
	private static final String VIEW = """
			SELECT u.id, u.email, u.full_name, u.tenant_id, t.name AS tenant_name, u.is_active, u.is_superuser,
				u.created_at, u.last_login_at,
			""" + GRANTS + """
			FROM auth.users u JOIN auth.tenants t ON t.id = u.tenant_id
			WHERE u.id = :id
			""";

	/** The account's state, password hash and grants in one statement. */
	private static final String CREDENTIALS = """
			SELECT u.id, u.tenant_id, u.email, u.hashed_password, u.is_active, u.is_superuser,
				t.is_active AS tenant_active,
			""" + GRANTS + """
			FROM auth.users u JOIN auth.tenants t ON t.id = u.tenant_id WHERE u.id = :id
			""";

	private final JdbcClient jdbc;

	private final TenantTransactions transactions;

	private final TenantQueries queries;

	public UserAccounts(JdbcClient jdbc, TenantTransactions transactions, TenantQueries queries) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.queries = queries;
	}

	/**
	 * Find the account of an email address in any tenant, case-insensitively (through the
	 * {@code auth.find_login} security-definer function; no transaction needed).
	 * @param email the address
	 * @return the user and its tenant, if registered
	 */
	public Optional<LoginTarget> findLogin(String email) {
		return this.jdbc.sql("SELECT user_id, tenant_id FROM auth.find_login(:email)")
			.param("email", email)
			.query((rs, row) -> new LoginTarget(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.optional();
	}

	/**
	 * What login needs to check a password and the account's state, with its grants.
	 * @param userId the user
	 * @return the credentials, if the user exists in the current tenant
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Credentials> credentials(UUID userId) {
		return this.jdbc.sql(CREDENTIALS).param("id", userId).query((rs, row) -> toCredentials(rs)).optional();
	}

	/**
	 * What login needs, read outside any transaction in one round trip.
	 * @param tenantId the tenant the user belongs to
	 * @param userId the user
	 * @return the credentials, if the user exists in that tenant
	 */
	public Optional<Credentials> credentialsOf(UUID tenantId, UUID userId) {
		return this.queries.queryOptional(tenantId, CREDENTIALS, new MapSqlParameterSource("id", userId),
				(rs, row) -> toCredentials(rs));
	}

	/**
	 * A user with its grants, as the API shows it.
	 * @param userId the user
	 * @return the user, if it exists in the current tenant
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UserView> view(UUID userId) {
		return this.jdbc.sql(VIEW).param("id", userId).query((rs, row) -> toView(rs)).optional();
	}

	/**
	 * A user with its grants, read outside any transaction in one round trip.
	 * @param tenantId the tenant the user belongs to
	 * @param userId the user
	 * @return the user, if it exists in that tenant
	 */
	public Optional<UserView> viewOf(UUID tenantId, UUID userId) {
		return this.queries.queryOptional(tenantId, VIEW, new MapSqlParameterSource("id", userId),
				(rs, row) -> toView(rs));
	}

	/**
	 * Create a user in the current tenant (without roles).
	 * @param account the new account
	 * @return the new user's id
	 * @throws org.springframework.dao.DuplicateKeyException when the email (in any case)
	 * is taken
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID create(NewAccount account) {
		return this.jdbc.sql("""
				INSERT INTO auth.users (email, hashed_password, full_name, tenant_id, is_superuser)
				VALUES (:email, :hash, :fullName, :tenantId, :superuser) RETURNING id
				""")
			.param("email", account.email())
			.param("hash", account.hashedPassword())
			.param("fullName", account.fullName())
			.param("tenantId", account.tenantId())
			.param("superuser", account.superuser())
			.query(UUID.class)
			.single();
	}

	/**
	 * Record a successful login.
	 * @param userId the user
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordLogin(UUID userId) {
		this.jdbc.sql("UPDATE auth.users SET last_login_at = now() WHERE id = :id").param("id", userId).update();
	}

	/**
	 * Activate or deactivate a user.
	 * @param userId the user
	 * @param active the new state
	 * @return whether the user exists in the current tenant
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean setActive(UUID userId, boolean active) {
		return this.jdbc.sql("UPDATE auth.users SET is_active = :active WHERE id = :id")
			.param("active", active)
			.param("id", userId)
			.update() == 1;
	}

	/**
	 * Check that an authenticated principal's user still exists and is active (the
	 * original's "active user" check). User-less API keys always pass.
	 * @param principal the principal
	 * @throws UnknownUserException when the user does not exist in the principal's tenant
	 * @throws InactiveUserException when the user is deactivated
	 */
	public void requireActive(AuthPrincipal principal) {
		Optional<UUID> userId = principal.userUuid();
		if (userId.isEmpty()) {
			return;
		}
		Optional<Boolean> active = this.queries.queryOptional(principal.tenantUuid(),
				"SELECT is_active FROM auth.users WHERE id = :id", new MapSqlParameterSource("id", userId.get()),
				(rs, row) -> rs.getBoolean(1));
		if (active.isEmpty()) {
			throw new UnknownUserException();
		}
		if (!active.get()) {
			throw new InactiveUserException();
		}
	}

	private static Credentials toCredentials(ResultSet rs) throws SQLException {
		return new Credentials(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
				rs.getString("email"), rs.getString("hashed_password"), rs.getBoolean("is_active"),
				rs.getBoolean("is_superuser"), rs.getBoolean("tenant_active"),
				new Grants(strings(rs, "roles"), strings(rs, "permissions")));
	}

	private static UserView toView(ResultSet rs) throws SQLException {
		return new UserView(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("full_name"),
				rs.getObject("tenant_id", UUID.class), rs.getString("tenant_name"), rs.getBoolean("is_active"),
				rs.getBoolean("is_superuser"), strings(rs, "roles"), strings(rs, "permissions"),
				Rows.requiredInstant(rs, "created_at"), Rows.instant(rs, "last_login_at"));
	}

	private static List<String> strings(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		try {
			return List.of((String[]) array.getArray());
		}
		finally {
			array.free();
		}
	}

}
