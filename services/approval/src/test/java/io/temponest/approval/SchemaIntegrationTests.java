package io.temponest.approval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.temponest.events.EventOutbox;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The approval schema as migrated: row-level security that the runtime role cannot get
 * around, background functions only the runtime role may call, the event outbox exactly
 * as shared-events' contract, and indexes the hot queries use.
 */
@ApprovalIntegrationTest
class SchemaIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	private final JdbcClient owner = OwnerDatabase.jdbc();

	@Test
	void runtimeRoleWhenConnectedThenIsNeitherSuperuserNorBypassesRls() {
		assertThat(this.jdbc.sql("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void requestsWhenReadAsRuntimeRoleThenOnlyTheCurrentTenantsRows() throws SQLException {
		UUID tenantA = UUID.randomUUID();
		UUID tenantB = UUID.randomUUID();
		insert(tenantA);
		insert(tenantB);
		try (Connection connection = appConnection()) {
			connection.setAutoCommit(false);
			assertThat(count(connection)).isZero();
			setTenant(connection, tenantA);
			assertThat(count(connection)).isEqualTo(1);
			try (PreparedStatement insert = connection.prepareStatement(
					"""
							INSERT INTO approval.approval_requests (tenant_id, workflow_id, run_id, task_description, risk_level,
								requested_by, required_approvers, created_at, expires_at, updated_at)
							VALUES (?, 'w', 'r', 'intruder', 'low', 'u', 1, now(), now(), now())
							""")) {
				insert.setObject(1, tenantB);
				assertThatExceptionOfType(SQLException.class).isThrownBy(insert::executeUpdate)
					.withMessageContaining("row-level security");
			}
			connection.rollback();
		}
	}

	@Test
	void backgroundFunctionsWhenMigratedThenExecutableByTheRuntimeRoleOnly() {
		List<String> functions = List.of("expire_approvals(timestamptz, integer)",
				"claim_signals(timestamptz, integer, interval)", "signal_delivered(uuid, integer, timestamptz, text)",
				"signal_retry(uuid, integer, timestamptz, text)", "approval_counts()",
				"claim_outbox_events(timestamptz, integer, interval)", "outbox_backlog()");
		String app = TestInfrastructure.get().appRole();
		for (String function : functions) {
			String signature = "approval." + function;
			assertThat(this.owner.sql("SELECT has_function_privilege(:role, :fn, 'EXECUTE')")
				.param("role", app)
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isTrue();
			assertThat(this.owner.sql("SELECT has_function_privilege('public', :fn, 'EXECUTE')")
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isFalse();
		}
	}

	@Test
	void eventOutboxMigrationWhenComparedThenIsTheSharedEventsContractForThisSchema() throws IOException {
		String contract;
		try (InputStream in = EventOutbox.class.getResourceAsStream("event-outbox.sql")) {
			assertThat(in).as("the contract in the shared-events jar").isNotNull();
			contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(Path.of("../../db/migrations/approval/V3__create_event_outbox.sql")))
			.isEqualTo(contract.replace("${events_schema}", "approval"));
	}

	@Test
	void hotQueriesWhenPlannedThenUseTheirIndexes() throws SQLException {
		assertThat(plan("""
				SELECT id FROM approval.approval_requests WHERE tenant_id = '00000000-0000-0000-0000-000000000001'
				ORDER BY created_at DESC, id DESC LIMIT 100
				""")).contains("approval_requests_tenant_created");
		assertThat(
				plan("""
						SELECT id FROM approval.approval_requests WHERE tenant_id = '00000000-0000-0000-0000-000000000001' AND status = 'pending'
						ORDER BY created_at DESC, id DESC LIMIT 100
						"""))
			.contains("approval_requests_tenant_status_created");
		assertThat(plan("""
				SELECT id FROM approval.approval_requests WHERE status = 'pending' AND expires_at <= now()
				ORDER BY expires_at LIMIT 500
				""")).contains("approval_requests_expiry");
		assertThat(plan("""
				SELECT id FROM approval.signal_outbox WHERE delivered_at IS NULL AND next_attempt_at <= now()
				ORDER BY next_attempt_at LIMIT 50
				""")).contains("signal_outbox_due");
	}

	private String plan(String query) throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		try (Connection connection = java.sql.DriverManager.getConnection(infrastructure.jdbcUrl(),
				infrastructure.ownerRole(), infrastructure.ownerPassword());
				Statement statement = connection.createStatement()) {
			statement.execute("SET enable_seqscan = off");
			List<String> lines = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("EXPLAIN " + query)) {
				while (rs.next()) {
					lines.add(rs.getString(1));
				}
			}
			return String.join("\n", lines);
		}
	}

	private void insert(UUID tenant) {
		this.owner.sql("""
				INSERT INTO approval.approval_requests (tenant_id, workflow_id, run_id, task_description, risk_level,
					requested_by, required_approvers, created_at, expires_at, updated_at)
				VALUES (:tenant, 'w', 'r', 'rls', 'low', 'u', 1, now(), now() + interval '1 day', now())
				""").param("tenant", tenant).update();
	}

	private static Connection appConnection() throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return java.sql.DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword());
	}

	private static long count(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT count(*) FROM approval.approval_requests WHERE task_description = 'rls'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static void setTenant(Connection connection, UUID tenant) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT set_config('app.current_tenant', ?, true)")) {
			statement.setString(1, tenant.toString());
			statement.execute();
		}
	}

}
