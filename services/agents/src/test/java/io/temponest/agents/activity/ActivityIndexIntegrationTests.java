package io.temponest.agents.activity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.temponest.agents.AgentsIntegrationTest;
import io.temponest.security.tenant.TenantTransactions;
import io.temponest.testsupport.ApiCaller;
import io.temponest.testsupport.TestInfrastructure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log viewer on 50,000 rows of one tenant (and 5,000 of another), vacuumed (the
 * full-text index's pending list merged, as autovacuum does) and analysed, as the
 * service's role under row-level security: the newest-first page reads the page index, a
 * word search the full-text index through the search function (plans in JSON, nothing
 * switched off), and the count of matching rows stops at 10,000. (The count of an
 * unfiltered log may read the table itself when, as here, one tenant owns most of it.)
 * The run metrics read the tenant's runs of the last day and hour through their indexes.
 */
@AgentsIntegrationTest
class ActivityIndexIntegrationTests {

	@Autowired
	TenantTransactions transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void logsWhenPlannedOnManyRowsThenPageAndFullTextIndexesAndCappedCount() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(List.of("agents:read"));
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement insert = admin.prepareStatement(
						"""
								INSERT INTO agents.activity_log (tenant_id, occurred_at, service, action, level, agent,
									resource_type, resource_id, message, details)
								SELECT ?, now() - g * interval '1 second', 'agents',
									(ARRAY['run.started', 'run.succeeded', 'run.failed'])[g % 3 + 1],
									(ARRAY['info', 'success', 'error'])[g % 3 + 1], 'developer', 'run', 'run-' || g,
									CASE WHEN g % 5000 = 0 THEN 'Run needle' || ' deployed' ELSE 'Run build ' || g || ' finished' END,
									jsonb_build_object('project', 'p' || g % 50)
								FROM generate_series(1, ?) g""");
				Statement analyze = admin.createStatement()) {
			insert.setObject(1, caller.tenantId());
			insert.setInt(2, 50_000);
			insert.executeUpdate();
			insert.setObject(1, UUID.randomUUID());
			insert.setInt(2, 5_000);
			insert.executeUpdate();
			analyze.execute("VACUUM ANALYZE agents.activity_log");
		}
		UUID tenant = caller.tenantId();
		LogFilter none = new LogFilter(null, null, null, null, null, null, null);
		assertThat(explain(tenant, LogQueries.statement(none, null), Map.of("tenant", tenant, "limit", 51)))
			.contains("\"Index Name\": \"activity_log_tenant_occurred_idx\"");
		assertThat(explainSearch(tenant, "needle")).contains("\"Index Name\": \"activity_log_search_idx\"");

		JsonNode all = json("/api/observability/logs?limit=3", caller);
		assertThat(all.get("total").asLong()).isEqualTo(10_000);
		assertThat(all.get("total_capped").asBoolean()).isTrue();
		assertThat(all.get("logs")).hasSize(3);
		JsonNode found = json("/api/observability/logs?search=needle", caller);
		assertThat(found.get("total").asLong()).isEqualTo(10);
		assertThat(found.get("total_capped").asBoolean()).isFalse();
		JsonNode filtered = json("/api/observability/logs?level=error&limit=200&project=p7", caller);
		assertThat(filtered.get("logs")).isNotEmpty()
			.allSatisfy((row) -> assertThat(row.get("level").asString()).isEqualTo("error"));
		long expected = 0;
		for (int g = 1; g <= 50_000; g++) {
			expected += (g % 50 == 7 && g % 3 == 2) ? 1 : 0;
		}
		assertThat(filtered.get("total").asLong()).isEqualTo(expected);
		assertThat(filtered.get("logs")).hasSize(200);
	}

	@Test
	void metricsWhenPlannedOnManyRunsThenTenantRunIndexes() throws Exception {
		ApiCaller caller = ApiCaller.newTenant(List.of("agents:read"));
		UUID other = UUID.randomUUID();
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement projects = admin.prepareStatement("""
						INSERT INTO agents.projects (id, tenant_id, slug, name) VALUES (?, ?, 'metrics', 'Metrics')""");
				PreparedStatement runs = admin.prepareStatement("""
						INSERT INTO agents.project_runs (tenant_id, project_id, step, status, created_at, started_at,
							finished_at)
						SELECT ?, ?, 'Developer: step', CASE WHEN g % 1000 = 0 THEN 'running' ELSE 'failed' END,
							now() - g * interval '1 minute', now() - g * interval '1 minute',
							CASE WHEN g % 1000 <> 0 THEN now() - g * interval '1 minute' + interval '30 seconds' END
						FROM generate_series(1, ?) g""");
				Statement analyze = admin.createStatement()) {
			for (UUID tenant : List.of(caller.tenantId(), other)) {
				UUID project = UUID.randomUUID();
				projects.setObject(1, project);
				projects.setObject(2, tenant);
				projects.executeUpdate();
				runs.setObject(1, tenant);
				runs.setObject(2, project);
				runs.setInt(3, tenant.equals(other) ? 40_000 : 20_000);
				runs.executeUpdate();
			}
			analyze.execute("ANALYZE agents.project_runs");
		}
		assertThat(explain(caller.tenantId(), MetricsQueries.METRICS, Map.of("tenant", caller.tenantId())))
			.contains("\"Index Name\": \"project_runs_tenant_finished_idx\"")
			.contains("\"Index Name\": \"project_runs_tenant_created_idx\"")
			.doesNotContain("\"Node Type\": \"Seq Scan\"");
	}

	private JsonNode json(String path, ApiCaller caller) {
		return ApiCaller.json(this.mvc.perform(caller.get(path)));
	}

	/**
	 * The plan of the search function's statement as its owner runs it, in a transaction
	 * of the tenant.
	 */
	private static String explainSearch(UUID tenant, String words) throws Exception {
		try (Connection admin = TestInfrastructure.get().openAdminConnection()) {
			admin.setAutoCommit(false);
			try (Statement statement = admin.createStatement()) {
				String body;
				try (ResultSet source = statement
					.executeQuery("SELECT prosrc FROM pg_proc WHERE proname = 'activity_search'")) {
					assertThat(source.next()).isTrue();
					body = source.getString(1);
				}
				statement.execute("SELECT set_config('app.current_tenant', '" + tenant + "', true)");
				StringBuilder plan = new StringBuilder();
				try (ResultSet rows = statement
					.executeQuery("EXPLAIN (FORMAT JSON) " + body.replace("p_query", "'" + words + "'"))) {
					while (rows.next()) {
						plan.append(rows.getString(1));
					}
				}
				return plan.toString();
			}
			finally {
				admin.rollback();
			}
		}
	}

	private String explain(UUID tenant, String sql, Map<String, @Nullable Object> params) {
		return this.transactions.write(tenant, () -> String.join("\n",
				this.jdbc.sql("EXPLAIN (FORMAT JSON) " + sql).params(params).query(String.class).list()));
	}

}
