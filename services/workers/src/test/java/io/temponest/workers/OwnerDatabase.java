package io.temponest.workers;

import io.temponest.testsupport.TestInfrastructure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * This run's database as the owner role (bypasses row-level security), for checking data
 * without going through the code under test.
 */
public final class OwnerDatabase {

	private static final JdbcClient JDBC = create();

	private OwnerDatabase() {
	}

	/**
	 * A client connected as the owner.
	 * @return the client
	 */
	public static JdbcClient jdbc() {
		return JDBC;
	}

	private static JdbcClient create() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		return JdbcClient.create(new DriverManagerDataSource(infrastructure.jdbcUrl(), infrastructure.ownerRole(),
				infrastructure.ownerPassword()));
	}

}
