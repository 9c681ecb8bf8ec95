package io.temponest.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.temponest.testsupport.TestInfrastructure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * This run's database with the outbox contract ({@code event-outbox.sql}, the file
 * services copy into their migrations) applied once to the schema {@value #SCHEMA} by the
 * owner role, exactly as a migration would.
 */
final class OutboxDatabase {

	/** The schema of the library's tests. */
	static final String SCHEMA = "events_lib";

	private static boolean created;

	private OutboxDatabase() {
	}

	/**
	 * The infrastructure, with the schema created on first use.
	 * @return the infrastructure
	 */
	static synchronized TestInfrastructure get() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		if (!created) {
			String contract = template().replace("${events_schema}", SCHEMA)
				.replace("${app_role}", infrastructure.appRole());
			try (Connection owner = DriverManager.getConnection(infrastructure.jdbcUrl(), infrastructure.ownerRole(),
					infrastructure.ownerPassword()); Statement statement = owner.createStatement()) {
				statement.execute("CREATE SCHEMA " + SCHEMA);
				statement.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + infrastructure.appRole());
				statement.execute(contract);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot apply the outbox contract", ex);
			}
			created = true;
		}
		return infrastructure;
	}

	/**
	 * A client connected as the owner (bypasses row-level security).
	 * @return the client
	 */
	static JdbcClient owner() {
		TestInfrastructure infrastructure = get();
		return JdbcClient.create(new DriverManagerDataSource(infrastructure.jdbcUrl(), infrastructure.ownerRole(),
				infrastructure.ownerPassword()));
	}

	/**
	 * The contract as shipped in the jar.
	 * @return its text
	 */
	static String template() {
		try (InputStream in = EventOutbox.class.getResourceAsStream("event-outbox.sql")) {
			if (in == null) {
				throw new IllegalStateException("event-outbox.sql is not on the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
