package io.temponest.security.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DatabaseUnavailable}: which failures mean "the database is gone, retry". */
class DatabaseUnavailableTests {

	@Test
	void connectionClosedByThePoolAfterItBrokeThenUnavailable() throws SQLException {
		try (HikariDataSource pool = new HikariDataSource(poolOfOne())) {
			Connection connection = pool.getConnection();
			connection.close();
			SQLException closed = catchThrowableOfType(SQLException.class, () -> connection.rollback());
			assertThat(closed.getMessage()).isEqualTo("Connection is closed");
			assertThat(DatabaseUnavailable.isCauseOf(new UncategorizedSQLException("rollback", null, closed))).isTrue();
		}
	}

	@Test
	void poolTimeoutWhileEveryConnectionIsInUseThenBusyPool() throws SQLException {
		HikariConfig config = poolOfOne();
		config.setConnectionTimeout(250);
		try (HikariDataSource pool = new HikariDataSource(config); Connection held = pool.getConnection()) {
			SQLException timeout = catchThrowableOfType(SQLException.class, pool::getConnection);
			assertThat(DatabaseUnavailable.isBusyPool(new CannotGetJdbcConnectionException("busy", timeout))).isTrue();
			assertThat(DatabaseUnavailable.isCauseOf(timeout)).isTrue();
			assertThat(held.isValid(1)).isTrue();
		}
	}

	@Test
	void poolTimeoutAfterConnectionsFailedThenUnavailableNotBusy() {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + unusedPort() + "/none");
		config.setUsername("nobody");
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(250);
		config.setInitializationFailTimeout(-1);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			SQLException timeout = catchThrowableOfType(SQLException.class, pool::getConnection);
			assertThat(DatabaseUnavailable.isBusyPool(timeout)).isFalse();
			assertThat(DatabaseUnavailable.isCauseOf(timeout)).isTrue();
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
		assertThat(DatabaseUnavailable.isBusyPool(new SQLException("syntax error", "42601"))).isFalse();
	}

	/** A pool of one connection to the test database. */
	private static HikariConfig poolOfOne() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(infrastructure.jdbcUrl());
		config.setUsername(infrastructure.appRole());
		config.setPassword(infrastructure.appPassword());
		config.setMaximumPoolSize(1);
		return config;
	}

	private static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
