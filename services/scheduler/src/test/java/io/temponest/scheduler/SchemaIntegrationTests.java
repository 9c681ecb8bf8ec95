package io.temponest.scheduler;

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
 * The scheduler schema as migrated: row-level security that the runtime role cannot get
 * around, claim functions only the runtime role may call, the event outbox exactly as
 * shared-events' contract, and indexes the hot queries use.
 */
@SchedulerIntegrationTest
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
	void schedulesWhenReadAsRuntimeRoleThenOnlyTheCurrentTenantsRows() throws SQLException {
		UUID tenantA = UUID.randomUUID();
		UUID tenantB = UUID.randomUUID();
		insertSchedule(tenantA);
		insertSchedule(tenantB);
		try (Connection connection = appConnection()) {
			assertThat(countVisible(connection, null)).isZero();
			assertThat(countVisible(connection, tenantA)).isEqualTo(1);
			connection.setAutoCommit(false);
			setTenant(connection, tenantA);
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds,
						agent_name)
					VALUES (?, gen_random_uuid(), 'intruder', 'interval', 60, 'developer')
					""")) {
				insert.setObject(1, tenantB);
				assertThatExceptionOfType(SQLException.class).isThrownBy(insert::executeUpdate)
					.withMessageContaining("row-level security");
			}
			connection.rollback();
		}
	}

	@Test
	void claimFunctionsWhenMigratedThenExecutableByTheRuntimeRoleOnly() {
		List<String> functions = List.of("lock_due_schedules(timestamptz, integer)",
				"open_scheduled_executions(timestamptz, uuid[], timestamptz[], timestamptz[], integer[], timestamptz[], text[], uuid[],"
						+ " timestamptz[])",
				"claim_executions(varchar, timestamptz, integer, interval)",
				"renew_leases(varchar, timestamptz, interval, uuid[], integer[])", "scheduler_backlog(timestamptz)",
				"complete_executions(varchar, uuid[], uuid[], integer[], timestamptz[], bigint[], varchar[], jsonb[],"
						+ " integer[], numeric[])",
				"claim_outbox_events(timestamptz, integer, interval)", "outbox_events_sent(uuid[], integer[])",
				"outbox_events_retry(uuid[], integer[], timestamptz[], text[])",
				"outbox_events_dead(uuid[], integer[], text[])", "outbox_backlog()");
		String app = TestInfrastructure.get().appRole();
		for (String function : functions) {
			String signature = "scheduler." + function;
			assertThat(this.owner.sql("SELECT has_function_privilege(:role, :fn, 'EXECUTE')")
				.param("role", app)
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isTrue();
			assertThat(this.owner.sql("SELECT has_function_privilege('public', :fn, 'EXECUTE')")
				.param("fn", signature)
				.query(Boolean.class)
				.single()).as(signature).isFalse();
			assertThat(this.owner.sql("""
					SELECT p.prosecdef FROM pg_proc p
					WHERE p.oid = CAST(:fn AS regprocedure)
					""").param("fn", signature).query(Boolean.class).single()).as(signature).isTrue();
		}
	}

	@Test
	void eventOutboxMigrationWhenComparedThenIsTheSharedEventsContractForThisSchema() throws IOException {
		String contract;
		try (InputStream in = EventOutbox.class.getResourceAsStream("event-outbox.sql")) {
			assertThat(in).as("the contract in the shared-events jar").isNotNull();
			contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(Path.of("../../db/migrations/scheduler/V8__create_event_outbox.sql")))
			.isEqualTo(contract.replace("${events_schema}", "scheduler"));
	}

	@Test
	void hotQueriesWhenPlannedThenUseTheirIndexes() throws SQLException {
		assertThat(plan("""
				SELECT id FROM scheduler.scheduled_tasks
				WHERE is_active AND NOT is_paused AND next_execution_at IS NOT NULL AND next_execution_at <= now()
				ORDER BY next_execution_at LIMIT 500 FOR UPDATE SKIP LOCKED
				""")).contains("scheduled_tasks_due");
		assertThat(plan("""
				SELECT id FROM scheduler.task_executions WHERE scheduled_task_id = gen_random_uuid()
				ORDER BY created_at DESC, id DESC LIMIT 50
				""")).contains("task_executions_history");
		assertThat(plan("""
				SELECT id FROM scheduler.task_executions WHERE status = 'pending' AND next_attempt_at <= now()
				ORDER BY next_attempt_at LIMIT 64
				""")).contains("task_executions_ready");
		assertThat(plan("""
				SELECT id FROM scheduler.task_executions WHERE status = 'running' AND lease_expires_at <= now()
				ORDER BY lease_expires_at LIMIT 64
				""")).contains("task_executions_leases");
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

	private void insertSchedule(UUID tenant) {
		this.owner.sql("""
				INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds,
					agent_name)
				VALUES (:tenant, gen_random_uuid(), 'rls', 'interval', 60, 'developer')
				""").param("tenant", tenant).update();
	}

	private static Connection appConnection() throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return java.sql.DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword());
	}

	private static long countVisible(Connection connection, UUID tenant) throws SQLException {
		connection.setAutoCommit(false);
		try {
			if (tenant != null) {
				setTenant(connection, tenant);
			}
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("SELECT count(*) FROM scheduler.scheduled_tasks WHERE name = 'rls'"
								+ " AND tenant_id IS NOT NULL")) {
				rs.next();
				return rs.getLong(1);
			}
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(true);
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
