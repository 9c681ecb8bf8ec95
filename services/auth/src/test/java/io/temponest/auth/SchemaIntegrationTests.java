package io.temponest.auth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.events.EventOutbox;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The migrations: seeded RBAC data, row-level security, the runtime role's limits, and
 * the event outbox exactly as shared-events' contract.
 */
@AuthIntegrationTest
class SchemaIntegrationTests {

	private static final List<String> TENANT_TABLES = List.of("users", "user_roles", "api_keys", "refresh_tokens",
			"invitations", "audit_log", "event_outbox");

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TenantTransactions transactions;

	@Autowired
	private Fixtures fixtures;

	@Test
	void rolesWhenMigratedThenMatchTheSpec() {
		Map<String, String> roles = this.jdbc.sql("SELECT name, description FROM auth.roles")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(roles).containsOnly(entry("admin", "Full system access including user management"),
				entry("manager", "Department management and workflow approval rights"),
				entry("developer", "Agent execution and code generation rights"),
				entry("viewer", "Read-only access to all resources"));
	}

	@Test
	void permissionsWhenMigratedThenMatchTheSpec() {
		List<String> permissions = this.jdbc
			.sql("SELECT name || '|' || resource || '|' || action || '|' || description FROM auth.permissions")
			.query(String.class)
			.list();
		assertThat(permissions).containsExactlyInAnyOrder("agents:read|agents|read|View agent information",
				"agents:execute|agents|execute|Execute agents", "workflows:read|workflows|read|View workflows",
				"workflows:create|workflows|write|Create new workflows",
				"workflows:delete|workflows|delete|Delete workflows",
				"approvals:read|approvals|read|View approval requests",
				"approvals:approve|approvals|write|Approve or deny requests",
				"departments:read|departments|read|View departments",
				"departments:manage|departments|write|Create and modify departments",
				"users:read|users|read|View users", "users:manage|users|write|Create, update, and delete users",
				"tenants:manage|tenants|write|Manage tenant settings", "costs:read|costs|read|View cost information",
				"webhooks:manage|webhooks|write|Create and manage webhooks",
				"schedules:read|schedules|read|View schedules and their executions",
				"schedules:write|schedules|write|Create, change, pause and delete schedules",
				"schedules:execute|schedules|execute|Trigger a schedule now",
				"api_keys:manage|api_keys|write|Create, list and revoke API keys");
	}

	@Test
	void rolePermissionMatrixWhenMigratedThenMatchesTheSpec() {
		assertThat(permissionsOf("admin")).hasSize(18).contains("api_keys:manage");
		assertThat(permissionsOf("manager")).containsExactlyInAnyOrder("agents:read", "agents:execute",
				"workflows:read", "workflows:create", "approvals:read", "approvals:approve", "departments:read",
				"departments:manage", "costs:read", "schedules:read", "schedules:write", "schedules:execute",
				"api_keys:manage");
		assertThat(permissionsOf("developer")).containsExactlyInAnyOrder("agents:read", "agents:execute",
				"workflows:read", "workflows:create", "departments:read", "costs:read", "schedules:read",
				"schedules:write", "schedules:execute", "api_keys:manage");
		assertThat(permissionsOf("viewer")).containsExactlyInAnyOrder("agents:read", "workflows:read", "approvals:read",
				"departments:read", "users:read", "costs:read", "schedules:read", "api_keys:manage");
	}

	@Test
	void runtimeRoleWhenConnectedThenIsNeitherSuperuserNorBypassesRls() {
		Map<String, Object> role = this.jdbc
			.sql("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")
			.query()
			.singleRow();
		assertThat(role).containsEntry("rolsuper", false).containsEntry("rolbypassrls", false);
	}

	@Test
	void runtimeConnectionWhenOpenedThenHasTimeoutsAndUtc() {
		Map<String, Object> settings = this.jdbc.sql("""
				SELECT current_setting('statement_timeout') AS statement_timeout,
					current_setting('idle_in_transaction_session_timeout') AS idle_timeout,
					current_setting('TimeZone') AS zone
				""").query().singleRow();
		assertThat(settings).containsEntry("statement_timeout", "30s")
			.containsEntry("idle_timeout", "1min")
			.containsEntry("zone", "UTC");
	}

	@Test
	void tenantTablesWhenMigratedThenHaveForcedRowLevelSecurity() {
		List<String> secured = this.jdbc.sql("""
				SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'auth' AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity
				""").query(String.class).list();
		assertThat(secured).containsExactlyInAnyOrderElementsOf(TENANT_TABLES);
	}

	@Test
	void selectWhenTenantSetThenSeesOnlyThatTenantsRows() {
		Fixtures.Tenant a = this.fixtures.tenant();
		Fixtures.Tenant b = this.fixtures.tenant();
		Fixtures.User userA = this.fixtures.user(a, "viewer");
		Fixtures.User userB = this.fixtures.user(b, "viewer");
		seedTenantRows(userA);
		seedTenantRows(userB);
		for (String table : TENANT_TABLES) {
			List<UUID> tenants = this.transactions.read(a.id(),
					() -> this.jdbc.sql("SELECT DISTINCT tenant_id FROM auth." + table).query(UUID.class).list());
			assertThat(tenants).as(table).containsExactly(a.id());
		}
	}

	@Test
	void selectWhenNoTenantSetThenSeesNothing() {
		Fixtures.User user = this.fixtures.user(this.fixtures.tenant(), "viewer");
		seedTenantRows(user);
		for (String table : TENANT_TABLES) {
			long outside = this.jdbc.sql("SELECT count(*) FROM auth." + table).query(Long.class).single();
			assertThat(outside).as(table).isZero();
		}
		assertThat(this.fixtures.admin().sql("SELECT count(*) FROM auth.users").query(Long.class).single())
			.isPositive();
	}

	@Test
	void insertWhenRowBelongsToAnotherTenantThenFails() {
		Fixtures.Tenant a = this.fixtures.tenant();
		Fixtures.Tenant b = this.fixtures.tenant();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.transactions.run(a.id(), () -> this.jdbc.sql("""
					INSERT INTO auth.users (email, hashed_password, tenant_id) VALUES (:email, 'x', :tenantId)
					""").param("email", Fixtures.email("intruder")).param("tenantId", b.id()).update()))
			.havingRootCause()
			.withMessageContaining("row-level security");
	}

	@Test
	void deleteWhenRuntimeRoleThenPermissionDenied() {
		Fixtures.Tenant a = this.fixtures.tenant();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.transactions.run(a.id(),
					() -> this.jdbc.sql("DELETE FROM auth.users WHERE tenant_id = :id").param("id", a.id()).update()))
			.havingRootCause()
			.withMessageContaining("permission denied for table users");
	}

	@Test
	void lookupFunctionsWhenMigratedThenSecurityDefinerAndNotPublic() {
		List<Map<String, Object>> functions = this.jdbc.sql("""
				SELECT p.proname, p.prosecdef, has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute
				FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
				WHERE n.nspname = 'auth' AND p.proname LIKE 'find\\_%'
				""").query().listOfRows();
		assertThat(functions).hasSize(4)
			.allSatisfy((function) -> assertThat(function).containsEntry("prosecdef", true)
				.containsEntry("public_execute", false));
	}

	@Test
	void outboxFunctionsWhenMigratedThenExecutableByTheRuntimeRoleOnly() {
		List<String> functions = List.of("claim_outbox_events(timestamptz, integer, interval)",
				"outbox_events_sent(uuid[], integer[])",
				"outbox_events_retry(uuid[], integer[], timestamptz[], text[])",
				"outbox_events_dead(uuid[], integer[], text[])", "outbox_backlog()");
		String app = TestInfrastructure.get().appRole();
		JdbcClient admin = this.fixtures.admin();
		for (String function : functions) {
			String signature = "auth." + function;
			assertThat(admin.sql("SELECT has_function_privilege(:role, :fn, 'EXECUTE')")
				.param("role", app)
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isTrue();
			assertThat(admin.sql("SELECT has_function_privilege('public', :fn, 'EXECUTE')")
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isFalse();
			assertThat(admin.sql("SELECT p.prosecdef FROM pg_proc p WHERE p.oid = CAST(:fn AS regprocedure)")
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isTrue();
		}
	}

	@Test
	void eventOutboxMigrationWhenComparedThenIsTheSharedEventsContractForThisSchema() throws IOException {
		String contract;
		try (InputStream in = EventOutbox.class.getResourceAsStream("event-outbox.sql")) {
			assertThat(in).as("the contract in the shared-events jar").isNotNull();
			contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(Path.of("../../db/migrations/auth/V8__create_event_outbox.sql")))
			.isEqualTo(contract.replace("${events_schema}", "auth"));
	}

	@Test
	void hotQueriesWhenPlannedThenUseTheirIndexes() throws SQLException {
		assertThat(planBypassingRls("SELECT id, tenant_id FROM auth.users WHERE lower(email) = lower('a@example.com')"))
			.contains("users_email_lower_key");
		assertThat(planBypassingRls("SELECT id, tenant_id FROM auth.api_keys WHERE key_hash = 'abc'"))
			.contains("api_keys_key_hash_key");
		assertThat(plan(
				"SELECT id FROM auth.api_keys WHERE tenant_id = '00000000-0000-0000-0000-000000000001' ORDER BY created_at DESC"))
			.contains("api_keys_tenant_created_idx");
		assertThat(plan("SELECT id FROM auth.refresh_tokens WHERE family_id = '00000000-0000-0000-0000-000000000001'"))
			.contains("refresh_tokens_family_idx");
		assertThat(plan(
				"SELECT id FROM auth.users WHERE tenant_id = '00000000-0000-0000-0000-000000000001' AND lower(email) > 'm' "
						+ "ORDER BY lower(email) LIMIT 50"))
			.contains("users_tenant_email_idx");
	}

	private String plan(String query) {
		return this.transactions.read(UUID.randomUUID(), () -> {
			this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
			return String.join("\n", this.jdbc.sql("EXPLAIN " + query).query(String.class).list());
		});
	}

	private static String planBypassingRls(String query) throws SQLException {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				Statement statement = admin.createStatement()) {
			statement.execute("SET enable_seqscan = off");
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = statement.executeQuery("EXPLAIN " + query)) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			return plan.toString();
		}
	}

	private List<String> permissionsOf(String role) {
		return this.jdbc.sql("""
				SELECT p.name FROM auth.role_permissions rp JOIN auth.roles r ON r.id = rp.role_id
				JOIN auth.permissions p ON p.id = rp.permission_id WHERE r.name = :role
				""").param("role", role).query(String.class).list();
	}

	private void seedTenantRows(Fixtures.User user) {
		JdbcClient admin = this.fixtures.admin();
		admin.sql("""
				INSERT INTO auth.api_keys (key_hash, key_prefix, name, tenant_id, user_id)
				VALUES (encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'sk_fixture', 'k', :tenantId, :userId)
				""").param("tenantId", user.tenantId()).param("userId", user.id()).update();
		admin.sql("""
				INSERT INTO auth.refresh_tokens (id, family_id, user_id, tenant_id, expires_at)
				VALUES (gen_random_uuid(), gen_random_uuid(), :userId, :tenantId, now() + interval '1 day')
				""").param("tenantId", user.tenantId()).param("userId", user.id()).update();
		admin.sql("""
				INSERT INTO auth.invitations (tenant_id, email, token_hash, expires_at)
				VALUES (:tenantId, 'invitee@example.com', encode(sha256(gen_random_uuid()::text::bytea), 'hex'),
					now() + interval '1 day')
				""").param("tenantId", user.tenantId()).update();
		admin.sql("INSERT INTO auth.audit_log (tenant_id, user_id, action) VALUES (:tenantId, :userId, 'fixture')")
			.param("tenantId", user.tenantId())
			.param("userId", user.id())
			.update();
		admin.sql("""
				INSERT INTO auth.event_outbox (id, tenant_id, user_id, type, occurred_at, payload, next_attempt_at)
				VALUES (gen_random_uuid(), :tenantId, :userId, 'fixture.seeded', now(), '{}', now())
				""").param("tenantId", user.tenantId()).param("userId", user.id()).update();
	}

}
