package io.temponest.workers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * The workers schema as migrated: forced row-level security the runtime role cannot get
 * around, the counting function executable by the runtime role only, the event outbox
 * exactly as shared-events' contract, and the list query on its index.
 */
@WorkersIntegrationTest
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
	void tablesWhenMigratedThenForceRowLevelSecurity() {
		assertThat(this.owner.sql("""
				SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'workers' AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity
				""").query(String.class).list()).contains("pipelines", "deployments", "event_outbox");
	}

	@Test
	void pipelinesWhenReadAsRuntimeRoleThenOnlyTheCurrentTenantsRows() throws SQLException {
		UUID tenantA = UUID.randomUUID();
		UUID tenantB = UUID.randomUUID();
		insertPipeline(tenantA);
		insertPipeline(tenantB);
		try (Connection connection = appConnection()) {
			connection.setAutoCommit(false);
			assertThat(count(connection)).isZero();
			setTenant(connection, tenantA);
			assertThat(count(connection)).isEqualTo(1);
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO workers.pipelines (id, tenant_id, user_id, idempotency_key, workflow_id, goal,
						created_at, updated_at)
					VALUES (gen_random_uuid(), ?, gen_random_uuid(), 'intruder', 'pipeline-intruder', 'g', now(),
						now())
					""")) {
				insert.setObject(1, tenantB);
				assertThatExceptionOfType(SQLException.class).isThrownBy(insert::executeUpdate)
					.withMessageContaining("row-level security");
			}
			connection.rollback();
		}
	}

	@Test
	void countingFunctionWhenMigratedThenSecurityDefinerForTheRuntimeRoleOnly() {
		String signature = "workers.pipeline_counts()";
		assertThat(this.owner.sql("SELECT has_function_privilege(:role, :fn, 'EXECUTE')")
			.param("role", TestInfrastructure.get().appRole())
			.param("fn", signature)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(this.owner.sql("SELECT has_function_privilege('public', :fn, 'EXECUTE')")
			.param("fn", signature)
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(this.jdbc.sql("SELECT count(*) FROM workers.pipeline_counts()").query(Long.class).single())
			.isNotNegative();
	}

	@Test
	void eventOutboxMigrationWhenComparedThenIsTheSharedEventsContractForThisSchema() throws IOException {
		String contract;
		try (InputStream in = EventOutbox.class.getResourceAsStream("event-outbox.sql")) {
			assertThat(in).as("the contract in the shared-events jar").isNotNull();
			contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(Files.readString(Path.of("../../db/migrations/workers/V2__create_event_outbox.sql")))
			.isEqualTo(contract.replace("${events_schema}", "workers"));
	}

	@Test
	void listQueryWhenPlannedThenUsesItsIndex() throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.ownerRole(),
				infrastructure.ownerPassword()); Statement statement = connection.createStatement()) {
			statement.execute("SET enable_seqscan = off");
			List<String> lines = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("""
					EXPLAIN SELECT id FROM workers.pipelines WHERE tenant_id = gen_random_uuid()
					AND (created_at, id) < (now(), gen_random_uuid()) ORDER BY created_at DESC, id DESC LIMIT 51
					""")) {
				while (rs.next()) {
					lines.add(rs.getString(1));
				}
			}
			assertThat(String.join("\n", lines)).contains("pipelines_tenant_created");
		}
	}

	private void insertPipeline(UUID tenant) {
		this.owner.sql("""
				INSERT INTO workers.pipelines (id, tenant_id, user_id, idempotency_key, workflow_id, goal, created_at,
					updated_at)
				VALUES (gen_random_uuid(), :tenant, gen_random_uuid(), 'rls', :workflow, 'rls', now(), now())
				""").param("tenant", tenant).param("workflow", "pipeline-rls-" + tenant).update();
	}

	private static long count(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT count(*) FROM workers.pipelines WHERE idempotency_key = 'rls'")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static Connection appConnection() throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword());
	}

	private static void setTenant(Connection connection, UUID tenant) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT set_config('app.current_tenant', ?, true)")) {
			statement.setString(1, tenant.toString());
			statement.execute();
		}
	}

}
