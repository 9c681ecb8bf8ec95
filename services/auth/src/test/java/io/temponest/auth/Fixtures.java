package io.temponest.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.temponest.security.AuthPrincipal;
import io.temponest.security.AuthType;
import io.temponest.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Test data written as the database superuser (bypassing row-level security), so that
 * tests set up tenants and users without going through the code under test.
 */
public class Fixtures {

	/** The password of every fixture user. */
	public static final String PASSWORD = "Correct-Horse-Battery-42";

	private static final String PASSWORD_HASH = BCrypt.hashpw(PASSWORD, BCrypt.gensalt("$2b", 12));

	private final JdbcClient admin = JdbcClient.create(new AdminDataSource());

	/**
	 * The superuser connection to this run's database.
	 * @return a client
	 */
	public JdbcClient admin() {
		return this.admin;
	}

	/**
	 * A unique email address.
	 * @param hint the local part's start
	 * @return the address
	 */
	public static String email(String hint) {
		return hint + "-" + random() + "@example.com";
	}

	/**
	 * Create an active tenant.
	 * @return the tenant
	 */
	public Tenant tenant() {
		String slug = "fixture-" + random();
		UUID id = this.admin.sql("INSERT INTO auth.tenants (name, slug) VALUES (:name, :slug) RETURNING id")
			.param("name", "Fixture " + slug)
			.param("slug", slug)
			.query(UUID.class)
			.single();
		return new Tenant(id, slug);
	}

	/**
	 * Create an active, non-superuser user with the fixture password.
	 * @param tenant its tenant
	 * @param roles its roles
	 * @return the user
	 */
	public User user(Tenant tenant, String... roles) {
		return user(tenant, false, roles);
	}

	/**
	 * Create an active user with the fixture password.
	 * @param tenant its tenant
	 * @param superuser whether it is a superuser
	 * @param roles its roles
	 * @return the user
	 */
	public User user(Tenant tenant, boolean superuser, String... roles) {
		String email = email("user");
		UUID id = this.admin.sql("""
				INSERT INTO auth.users (email, hashed_password, full_name, tenant_id, is_superuser)
				VALUES (:email, :hash, 'Fixture User', :tenantId, :superuser) RETURNING id
				""")
			.param("email", email)
			.param("hash", PASSWORD_HASH)
			.param("tenantId", tenant.id())
			.param("superuser", superuser)
			.query(UUID.class)
			.single();
		for (String role : roles) {
			this.admin.sql("""
					INSERT INTO auth.user_roles (user_id, role_id, tenant_id)
					SELECT :userId, id, :tenantId FROM auth.roles WHERE name = :role
					""").param("userId", id).param("tenantId", tenant.id()).param("role", role).update();
		}
		return new User(id, tenant.id(), email, superuser);
	}

	/**
	 * The principal a valid access token of a user would give, with its current grants.
	 * @param user the user
	 * @return the principal
	 */
	public AuthPrincipal principal(User user) {
		List<String> roles = this.admin.sql("""
				SELECT r.name FROM auth.user_roles ur JOIN auth.roles r ON r.id = ur.role_id
				WHERE ur.user_id = :id ORDER BY 1
				""").param("id", user.id()).query(String.class).list();
		List<String> permissions = this.admin.sql("""
				SELECT DISTINCT p.name FROM auth.user_roles ur JOIN auth.role_permissions rp ON rp.role_id = ur.role_id
				JOIN auth.permissions p ON p.id = rp.permission_id WHERE ur.user_id = :id ORDER BY 1
				""").param("id", user.id()).query(String.class).list();
		return new AuthPrincipal(user.id().toString(), user.tenantId().toString(), user.email(), roles, permissions,
				user.superuser(), AuthType.JWT);
	}

	/**
	 * Count audit rows.
	 * @param action the action
	 * @param userId the user, or {@code null} for rows without user
	 * @return the number of rows
	 */
	public long auditCount(String action, UUID userId) {
		return this.admin.sql("SELECT count(*) FROM auth.audit_log WHERE action = :action AND user_id = :userId")
			.param("action", action)
			.param("userId", userId)
			.query(Long.class)
			.single();
	}

	/**
	 * The platform events of a tenant in {@code auth.event_outbox}, read bypassing
	 * row-level security.
	 * @param tenantId the tenant
	 * @return its events, oldest first
	 */
	public List<Event> events(UUID tenantId) {
		return this.admin.sql("""
				SELECT type, user_id, state, payload::text AS payload FROM auth.event_outbox
				WHERE tenant_id = :tenantId ORDER BY created_at, type, id
				""")
			.param("tenantId", tenantId)
			.query((rs, row) -> new Event(rs.getString("type"), rs.getObject("user_id", UUID.class),
					rs.getString("state"), JsonMapper.shared().readTree(rs.getString("payload"))))
			.list();
	}

	private static String random() {
		return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
	}

	/**
	 * A fixture tenant.
	 *
	 * @param id its id
	 * @param slug its slug
	 */
	public record Tenant(UUID id, String slug) {

	}

	/**
	 * A fixture user.
	 *
	 * @param id its id
	 * @param tenantId its tenant
	 * @param email its email
	 * @param superuser whether it is a superuser
	 */
	public record User(UUID id, UUID tenantId, String email, boolean superuser) {

	}

	/**
	 * A row of the event outbox.
	 *
	 * @param type the event type
	 * @param userId the user it is sent as
	 * @param state {@code pending} or {@code dead}
	 * @param payload level, resource, message and details
	 */
	public record Event(String type, UUID userId, String state, JsonNode payload) {

	}

	/** Opens superuser connections to this run's database. */
	private static final class AdminDataSource extends AbstractDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			return TestInfrastructure.get().openAdminConnection();
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
