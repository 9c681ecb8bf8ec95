package io.temponest.testsupport;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions, once per test JVM, a fresh PostgreSQL database with an owner and a runtime
 * role, and a Redis key prefix, and removes both when the JVM exits.
 *
 * <p>
 * The servers come from {@code TEST_POSTGRES_URL} (a JDBC URL of a superuser connection,
 * for example {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) and
 * {@code TEST_REDIS_URL} (for example {@code redis://127.0.0.1:6379/0}); when they are
 * not set, Testcontainers starts both servers (Docker required).
 */
public final class TestInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	private static final String NAME_PREFIX = "tn_test_";

	private static final Duration STALE_AFTER = Duration.ofHours(6);

	private static volatile TestInfrastructure instance;

	private final ServerAddresses servers;

	private final String runId;

	private final String database;

	private final String ownerRole;

	private final String appRole;

	private final String ownerPassword;

	private final String appPassword;

	private TcpProxy redisProxy;

	private TcpProxy postgresProxy;

	private TestInfrastructure(ServerAddresses servers) {
		this.servers = servers;
		this.runId = Instant.now().getEpochSecond() + "_" + randomHex(4);
		this.database = NAME_PREFIX + this.runId;
		this.ownerRole = this.database + "_owner";
		this.appRole = this.database + "_app";
		this.ownerPassword = randomHex(16);
		this.appPassword = randomHex(16);
	}

	/**
	 * Return the infrastructure of this JVM, provisioning it on first use.
	 * @return the provisioned infrastructure
	 */
	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (TestInfrastructure.class) {
				current = instance;
				if (current == null) {
					current = new TestInfrastructure(ServerAddresses.resolve());
					current.provision();
					Runtime.getRuntime().addShutdownHook(new Thread(current::cleanUp, "test-infrastructure-cleanup"));
					instance = current;
				}
			}
		}
		return current;
	}

	/** JDBC URL of the fresh database, without credentials. */
	public String jdbcUrl() {
		return this.servers.jdbcUrlFor(this.database);
	}

	/** Name of the role that owns the schema objects and runs migrations. */
	public String ownerRole() {
		return this.ownerRole;
	}

	/** Password of the owner role. */
	public String ownerPassword() {
		return this.ownerPassword;
	}

	/** Name of the runtime role (no superuser, no BYPASSRLS) that services connect as. */
	public String appRole() {
		return this.appRole;
	}

	/** Password of the runtime role. */
	public String appPassword() {
		return this.appPassword;
	}

	/**
	 * A TCP proxy in front of the PostgreSQL server, started on first use. Spring tests
	 * reach the database through it ({@link #proxiedJdbcUrl()}), so a fault test can
	 * {@link TcpProxy#cut() cut} the database away from a running context without
	 * touching the shared server.
	 * @return the proxy
	 */
	public synchronized TcpProxy postgresProxy() {
		if (this.postgresProxy == null) {
			this.postgresProxy = TcpProxy.start(this.servers.postgresHost(), this.servers.postgresPort());
		}
		return this.postgresProxy;
	}

	/**
	 * JDBC URL of the fresh database through {@link #postgresProxy()}, without
	 * credentials.
	 * @return the URL
	 */
	public String proxiedJdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + postgresProxy().port() + "/" + this.database;
	}

	/** URL of the Redis server. */
	public String redisUrl() {
		return this.servers.redisUrl();
	}

	/**
	 * A TCP proxy in front of the Redis server, started on first use. Spring tests reach
	 * Redis through it, so a fault test can {@link TcpProxy#cut() cut} Redis away from a
	 * running context without touching the shared server.
	 * @return the proxy
	 */
	public synchronized TcpProxy redisProxy() {
		if (this.redisProxy == null) {
			URI redis = URI.create(redisUrl());
			this.redisProxy = TcpProxy.start(redis.getHost(), (redis.getPort() > 0) ? redis.getPort() : 6379);
		}
		return this.redisProxy;
	}

	/**
	 * URL of the Redis server through {@link #redisProxy()}.
	 * @return the URL
	 */
	public String proxiedRedisUrl() {
		URI redis = URI.create(redisUrl());
		String path = (redis.getRawPath() != null) ? redis.getRawPath() : "";
		String userInfo = (redis.getRawUserInfo() != null) ? redis.getRawUserInfo() + "@" : "";
		return redis.getScheme() + "://" + userInfo + "127.0.0.1:" + redisProxy().port() + path;
	}

	/** Prefix for every Redis key and channel this run uses. */
	public String redisKeyPrefix() {
		return "tn-test-" + this.runId + ":";
	}

	/**
	 * Open a connection to the fresh database as the server's superuser, for test set-up
	 * that must bypass row-level security.
	 * @return a new connection
	 * @throws SQLException if the connection fails
	 */
	public Connection openAdminConnection() throws SQLException {
		return DriverManager.getConnection(this.servers.jdbcUrlFor(this.database), this.servers.adminProperties());
	}

	private void provision() {
		try (Connection admin = this.servers.openAdmin(); Statement statement = admin.createStatement()) {
			dropStaleRuns(admin);
			statement.execute("CREATE ROLE " + this.ownerRole + " LOGIN NOSUPERUSER BYPASSRLS PASSWORD '"
					+ this.ownerPassword + "'");
			statement.execute("CREATE ROLE " + this.appRole + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '"
					+ this.appPassword + "'");
			statement.execute("CREATE DATABASE " + this.database + " OWNER " + this.ownerRole);
			statement.execute("REVOKE ALL ON DATABASE " + this.database + " FROM PUBLIC");
			statement.execute("GRANT CONNECT ON DATABASE " + this.database + " TO " + this.appRole);
			installVectorExtension();
			log.info("Provisioned test database {} (roles {}, {}) and Redis prefix {}", this.database, this.ownerRole,
					this.appRole, redisKeyPrefix());
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not provision the test database on " + this.servers.describe(), ex);
		}
	}

	/**
	 * Install pgvector into the fresh database when the server has it: it is not a
	 * trusted extension, so the owner role's migrations cannot create it themselves.
	 */
	private void installVectorExtension() throws SQLException {
		try (Connection admin = openAdminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("DO $$ BEGIN IF EXISTS (SELECT FROM pg_available_extensions WHERE name = 'vector') "
					+ "THEN CREATE EXTENSION IF NOT EXISTS vector SCHEMA public; END IF; END $$");
		}
	}

	private void dropStaleRuns(Connection admin) throws SQLException {
		long staleBefore = Instant.now().minus(STALE_AFTER).getEpochSecond();
		List<String> stale = new ArrayList<>();
		try (Statement statement = admin.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + NAME_PREFIX + "%'")) {
			while (rows.next()) {
				String name = rows.getString(1);
				if (createdBefore(name, staleBefore)) {
					stale.add(name);
				}
			}
		}
		for (String name : stale) {
			dropRun(admin, name);
		}
	}

	private static boolean createdBefore(String name, long epochSecond) {
		String[] parts = name.substring(NAME_PREFIX.length()).split("_");
		try {
			return Long.parseLong(parts[0]) < epochSecond;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private void cleanUp() {
		try (Connection admin = this.servers.openAdmin()) {
			dropRun(admin, this.database);
		}
		catch (SQLException ex) {
			log.warn("Could not drop test database {}", this.database, ex);
		}
		deleteRedisKeys();
	}

	private static void dropRun(Connection admin, String database) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("DROP ROLE IF EXISTS " + database + "_owner");
			statement.execute("DROP ROLE IF EXISTS " + database + "_app");
		}
	}

	private void deleteRedisKeys() {
		RedisClient client = RedisClient.create(redisUrl());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			ScanArgs match = ScanArgs.Builder.matches(redisKeyPrefix() + "*").limit(500);
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = connection.sync().scan(cursor, match);
				if (!page.getKeys().isEmpty()) {
					connection.sync().del(page.getKeys().toArray(String[]::new));
				}
				cursor = page;
			}
			while (!cursor.isFinished());
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete Redis keys with prefix {}", redisKeyPrefix(), ex);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
