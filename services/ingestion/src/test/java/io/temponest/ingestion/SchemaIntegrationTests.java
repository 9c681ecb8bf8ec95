package io.temponest.ingestion;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge schema as migrated: pgvector present, every tenant table under forced
 * RLS.
 */
@IngestionIntegrationTest
class SchemaIntegrationTests {

	@Test
	void knowledgeTablesWhenMigratedThenForceRowLevelSecurity() throws Exception {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_class c "
						+ "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'knowledge' "
						+ "AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history' "
						+ "AND NOT (c.relrowsecurity AND c.relforcerowsecurity)")) {
			assertThat(rows.next()).as("a knowledge table without forced row-level security").isFalse();
		}
	}

	@Test
	void vectorExtensionWhenMigratedThenInstalled() throws Exception {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				Statement statement = admin.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'vector'")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isNotBlank();
		}
	}

}
