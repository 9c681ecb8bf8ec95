package io.temponest.security.database;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DatabaseUnavailable}: which failures mean "the database is gone, retry". */
class DatabaseUnavailableTests {

	@Test
	void connectionClosedByThePoolAfterItBrokeThenUnavailable() throws SQLException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(infrastructure.jdbcUrl());
		config.setUsername(infrastructure.appRole());
		config.setPassword(infrastructure.appPassword());
		config.setMaximumPoolSize(1);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			Connection connection = pool.getConnection();
			connection.close();
			SQLException closed = catchThrowableOfType(SQLException.class, () -> connection.rollback());
			assertThat(closed.getMessage()).isEqualTo("Connection is closed");
			assertThat(DatabaseUnavailable.isCauseOf(new UncategorizedSQLException("rollback", null, closed))).isTrue();
		}
	}

	@Test
	void rollbackFailureHidingAConnectionFailureThenUnavailable() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("unrelated"));
		rollback.initApplicationException(new DataAccessResourceFailureException("JDBC commit",
				new SQLException("terminating connection due to administrator command", "57P01")));
		assertThat(DatabaseUnavailable.isCauseOf(rollback)).isTrue();
	}

	@Test
	void otherSqlFailuresThenNotUnavailable() {
		assertThat(DatabaseUnavailable.isCauseOf(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseUnavailable.isCauseOf(new SQLException("Connection is closed"))).as("not from the pool")
			.isFalse();
		assertThat(DatabaseUnavailable.isCauseOf(new TransactionSystemException("JDBC rollback failed"))).isFalse();
	}

}
