package io.temponest.security.tenant;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

import io.temponest.security.TenantScope;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TenantQueries} on the real PostgreSQL, against a table with forced row-level
 * security owned by another role than the one that reads it.
 */
class TenantQueriesIntegrationTests {

	private static final String SCHEMA = "tenant_queries_" + Long.toHexString(System.nanoTime());

	private static final UUID TENANT_A = UUID.randomUUID();

	private static final UUID TENANT_B = UUID.randomUUID();

	private static final String NOTES = "SELECT text FROM " + SCHEMA + ".notes WHERE text LIKE :prefix ORDER BY text";

	/** One connection, so that a setting left behind would be seen by the next query. */
	private static SingleConnectionDataSource dataSource;

	private static TenantQueries queries;

	@BeforeAll
	static void createTable() throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		try (Connection admin = infrastructure.openAdminConnection(); Statement statement = admin.createStatement()) {
			String app = infrastructure.appRole();
			statement.execute("CREATE SCHEMA " + SCHEMA);
			statement.execute("CREATE TABLE " + SCHEMA
					+ ".notes (tenant_id uuid NOT NULL, text text NOT NULL, pinned boolean NOT NULL DEFAULT false)");
			statement.execute("ALTER TABLE " + SCHEMA + ".notes ENABLE ROW LEVEL SECURITY");
			statement.execute("ALTER TABLE " + SCHEMA + ".notes FORCE ROW LEVEL SECURITY");
			statement.execute("CREATE POLICY tenant_isolation ON " + SCHEMA + ".notes USING (tenant_id = "
					+ "NULLIF(current_setting('app.current_tenant', true), '')::uuid)");
			statement.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + app);
			statement.execute("GRANT SELECT ON " + SCHEMA + ".notes TO " + app);
			statement.execute("INSERT INTO " + SCHEMA + ".notes VALUES ('" + TENANT_A + "', 'a-1'), ('" + TENANT_A
					+ "', 'a-2'), ('" + TENANT_B + "', 'b-1')");
		}
		dataSource = new SingleConnectionDataSource(infrastructure.jdbcUrl(), infrastructure.appRole(),
				infrastructure.appPassword(), true);
		queries = new TenantQueries(new JdbcTemplate(dataSource), new CurrentTenant());
	}

	@AfterAll
	static void dropTable() throws SQLException {
		dataSource.destroy();
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				Statement statement = admin.createStatement()) {
			statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
		}
	}

	@Test
	void queryWhenTenantGivenThenOnlyItsRowsAreSeen() {
		assertThat(notes(TENANT_A, "%")).containsExactly("a-1", "a-2");
		assertThat(notes(TENANT_B, "%")).containsExactly("b-1");
	}

	@Test
	void queryWhenParametersGivenThenBoundAfterTheTenant() {
		assertThat(notes(TENANT_A, "a-2%")).containsExactly("a-2");
	}

	@Test
	void queryWhenCurrentTenantScopedThenItsRows() {
		assertThat(TenantScope.callAs(TENANT_B,
				() -> queries.query(NOTES, new MapSqlParameterSource("prefix", "%"), (rs, row) -> rs.getString(1))))
			.containsExactly("b-1");
	}

	@Test
	void queryWhenNoCurrentTenantThenNoRows() {
		assertThat(queries.query(NOTES, new MapSqlParameterSource("prefix", "%"), (rs, row) -> rs.getString(1)))
			.isEmpty();
	}

	@Test
	void queryWhenUnknownTenantThenNoRows() {
		assertThat(notes(UUID.randomUUID(), "%")).isEmpty();
	}

	@Test
	void queryWhenDoneThenTheTenantSettingIsGoneFromTheConnection() {
		notes(TENANT_A, "%");
		JdbcTemplate plain = new JdbcTemplate(dataSource);
		assertThat(
				plain.queryForObject("SELECT coalesce(current_setting('app.current_tenant', true), '')", String.class))
			.isEmpty();
		assertThat(plain.queryForList("SELECT text FROM " + SCHEMA + ".notes", String.class))
			.as("row-level security without a tenant")
			.isEmpty();
	}

	@Test
	void queryWhenRepeatedBeyondTheServerPrepareThresholdThenStillScopedPerCall() {
		for (int i = 0; i < 8; i++) {
			UUID tenant = (i % 2 == 0) ? TENANT_A : TENANT_B;
			assertThat(notes(tenant, "%")).hasSize((tenant == TENANT_A) ? 2 : 1);
		}
	}

	@Test
	void queryWhenADeclaredTypeParameterSwitchesBetweenNullAndAValueThenEveryCallSeesItsTenant() {
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < 5; i++) {
				assertThat(pinned(TENANT_A, null)).containsExactly("a-1", "a-2");
			}
			assertThat(pinned(TENANT_A, false)).containsExactly("a-1", "a-2");
			assertThat(pinned(TENANT_B, null)).containsExactly("b-1");
			assertThat(pinned(TENANT_A, true)).isEmpty();
			assertThat(pinned(TENANT_B, false)).containsExactly("b-1");
		}
	}

	@Test
	void queryWhenAParameterTypeDiffersFromTheFirstCallThenRefused() {
		String sql = "SELECT text FROM " + SCHEMA
				+ ".notes WHERE (CAST(:pinned AS boolean) IS NULL OR pinned = :pinned)" + " AND text <> 'undeclared'";
		assertThat(
				queries.query(TENANT_A, sql, new MapSqlParameterSource("pinned", null), (rs, row) -> rs.getString(1)))
			.hasSize(2);
		assertThatIllegalArgumentException().isThrownBy(() -> queries.query(TENANT_A, sql,
				new MapSqlParameterSource("pinned", false), (rs, row) -> rs.getString(1)));
	}

	@Test
	void queryOptionalWhenSeveralRowsThenRefused() {
		assertThatThrownBy(() -> queries.queryOptional(TENANT_A, NOTES, new MapSqlParameterSource("prefix", "%"),
				(rs, row) -> rs.getString(1)))
			.isInstanceOf(IncorrectResultSizeDataAccessException.class);
		assertThat(queries.queryOptional(TENANT_B, NOTES, new MapSqlParameterSource("prefix", "%"),
				(rs, row) -> rs.getString(1)))
			.contains("b-1");
	}

	@Test
	void queryWhenInsideATransactionOfTheTenantThenRunsInIt() {
		TransactionTemplate transaction = new TransactionTemplate(
				new TenantAwareTransactionManager(dataSource, new CurrentTenant()));
		List<String> seen = TenantScope.callAs(TENANT_A, () -> transaction.execute((status) -> {
			List<String> explicit = notes(TENANT_A, "%");
			List<String> current = queries.query(NOTES, new MapSqlParameterSource("prefix", "%"),
					(rs, row) -> rs.getString(1));
			assertThat(current).isEqualTo(explicit);
			return explicit;
		}));
		assertThat(seen).containsExactly("a-1", "a-2");
	}

	@Test
	void queryWhenInsideATransactionOfAnotherTenantThenRefused() {
		TransactionTemplate transaction = new TransactionTemplate(
				new TenantAwareTransactionManager(dataSource, new CurrentTenant()));
		assertThatIllegalStateException().isThrownBy(() -> TenantScope.runAs(TENANT_B,
				() -> transaction.executeWithoutResult((status) -> notes(TENANT_A, "%"))));
	}

	private static List<String> pinned(UUID tenant, Boolean pinned) {
		return queries.query(tenant,
				"SELECT text FROM " + SCHEMA
						+ ".notes WHERE (CAST(:pinned AS boolean) IS NULL OR pinned = :pinned) ORDER BY text",
				new MapSqlParameterSource().addValue("pinned", pinned, Types.BOOLEAN), (rs, row) -> rs.getString(1));
	}

	private static List<String> notes(UUID tenant, String prefix) {
		return queries.query(tenant, NOTES, new MapSqlParameterSource("prefix", prefix), (rs, row) -> rs.getString(1));
	}

}
