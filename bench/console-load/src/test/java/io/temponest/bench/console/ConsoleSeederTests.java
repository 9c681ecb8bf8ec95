package io.temponest.bench.console;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.testsupport.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Seeds a small set into a real database migrated with the agents service's migrations,
 * as the owner role, and checks the rows, the counters and that each tenant sees only its
 * own projects through row-level security.
 */
class ConsoleSeederTests {

	private static final TestInfrastructure infrastructure = TestInfrastructure.get();

	private static final List<UUID> TENANTS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

	private static ConsoleSeeder.Loaded loaded;

	private static String output;

	@BeforeAll
	static void seed() throws Exception {
		Flyway.configure()
			.dataSource(infrastructure.jdbcUrl(), infrastructure.ownerRole(), infrastructure.ownerPassword())
			.schemas("agents")
			.defaultSchema("agents")
			.createSchemas(true)
			.locations("filesystem:" + Path.of("../../db/migrations/agents").toAbsolutePath().normalize())
			.placeholders(Map.of("app_role", infrastructure.appRole()))
			.load()
			.migrate();
		ConsoleSeeder.Options options = ConsoleSeeder.Options.parse(Map.of("db-url", infrastructure.jdbcUrl(),
				"db-user", infrastructure.ownerRole(), "db-password", infrastructure.ownerPassword(), "tenant-ids",
				String.join(",", TENANTS.stream().map(UUID::toString).toList()), "projects", "60", "runs-per-project",
				"10", "big-project-runs", "30", "jobs", "2", "truncate", "true"));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		loaded = new ConsoleSeeder(options, new PrintStream(out, true, StandardCharsets.UTF_8)).seed();
		output = out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void loadsEveryRowAndCountsThem() throws SQLException {
		assertThat(loaded.projects()).isEqualTo(60);
		assertThat(loaded.runs()).isEqualTo(3 * (30 + 19 * 10));
		assertThat(loaded.approvals()).isPositive();
		try (Connection owner = owner(); Statement statement = owner.createStatement()) {
			assertThat(single(statement, "SELECT count(*) FROM agents.projects")).isEqualTo(60);
			assertThat(single(statement, "SELECT count(*) FROM agents.project_runs")).isEqualTo(loaded.runs());
			assertThat(single(statement, "SELECT count(*) FROM agents.run_approvals")).isEqualTo(loaded.approvals());
			assertThat(single(statement, "SELECT count(DISTINCT tenant_id) FROM agents.project_runs")).isEqualTo(3);
			assertThat(single(statement, """
					SELECT count(*) FROM agents.projects p LEFT JOIN (SELECT project_id, count(*) AS total,
						count(*) FILTER (WHERE status = 'success') AS succeeded,
						count(*) FILTER (WHERE status = 'failed') AS failed
						FROM agents.project_runs GROUP BY project_id) r ON r.project_id = p.id
					WHERE r.total IS DISTINCT FROM p.runs_total OR r.succeeded IS DISTINCT FROM p.runs_succeeded
						OR r.failed IS DISTINCT FROM p.runs_failed""")).isZero();
			assertThat(single(statement, """
					SELECT count(*) FROM agents.run_approvals a JOIN agents.project_runs r ON r.id = a.run_id
					WHERE a.tenant_id <> r.tenant_id""")).isZero();
			assertThat(single(statement, """
					SELECT count(*) FROM agents.project_runs
					WHERE (status IN ('success', 'failed') AND (started_at IS NULL OR finished_at < started_at))
						OR (status IN ('pending', 'running') AND finished_at IS NOT NULL)""")).isZero();
			assertThat(single(statement, "SELECT max(runs_total) FROM agents.projects")).isEqualTo(30);
		}
		for (UUID tenant : TENANTS) {
			assertThat(output).containsPattern("TENANT id=" + tenant
					+ " projects=20 runs=220 sample_slug=[a-z]+-[a-z]+-2 " + "big_slug=[a-z]+-[a-z]+-1");
		}
		assertThat(output).contains("SEED tenants=3 projects=60 runs=660 approvals=" + loaded.approvals());
	}

	@Test
	void eachTenantSeesOnlyItsOwnProjects() throws SQLException {
		try (Connection app = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword()); Statement statement = app.createStatement()) {
			statement.execute("SET app.current_tenant = '" + TENANTS.get(1) + "'");
			assertThat(single(statement, "SELECT count(*) FROM agents.projects")).isEqualTo(20);
			assertThat(single(statement, "SELECT count(*) FROM agents.project_runs")).isEqualTo(220);
			assertThat(single(statement,
					"SELECT count(*) FROM agents.projects WHERE tenant_id <> '" + TENANTS.get(1) + "'"))
				.isZero();
		}
	}

	@Test
	void seedingTheSameTenantsAgainWithoutTruncateIsRefused() {
		ConsoleSeeder.Options options = ConsoleSeeder.Options.parse(Map.of("db-url", infrastructure.jdbcUrl(),
				"db-user", infrastructure.ownerRole(), "db-password", infrastructure.ownerPassword(), "tenant-ids",
				TENANTS.get(0).toString(), "projects", "2", "runs-per-project", "1"));
		ConsoleSeeder seeder = new ConsoleSeeder(options, new PrintStream(new ByteArrayOutputStream()));
		assertThatException().isThrownBy(seeder::seed)
			.withStackTraceContaining("duplicate key value violates unique constraint");
	}

	private static Connection owner() throws SQLException {
		return DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.ownerRole(),
				infrastructure.ownerPassword());
	}

	private static long single(Statement statement, String sql) throws SQLException {
		try (ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
