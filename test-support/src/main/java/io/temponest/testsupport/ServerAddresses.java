package io.temponest.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the test PostgreSQL and Redis servers are: taken from {@code TEST_POSTGRES_URL}
 * and {@code TEST_REDIS_URL}, or started with Testcontainers when those are not set.
 *
 * @param adminJdbcUrl JDBC URL of a superuser connection, including credentials as query
 * parameters
 * @param redisUrl URL of the Redis server
 */
record ServerAddresses(String adminJdbcUrl, String redisUrl) {

	static final String POSTGRES_IMAGE = "pgvector/pgvector:0.8.0-pg17";

	static final String REDIS_IMAGE = "redis:7.4.2-alpine";

	static ServerAddresses resolve() {
		String postgres = System.getenv("TEST_POSTGRES_URL");
		String redis = System.getenv("TEST_REDIS_URL");
		if (hasText(postgres) && hasText(redis)) {
			return new ServerAddresses(postgres, redis);
		}
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("Tests need PostgreSQL and Redis: set TEST_POSTGRES_URL "
					+ "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) and TEST_REDIS_URL "
					+ "(e.g. redis://127.0.0.1:6379/0), or provide a Docker engine for Testcontainers");
		}
		return startContainers(postgres, redis);
	}

	@SuppressWarnings("resource") // containers live as long as the JVM; Ryuk removes them
	private static ServerAddresses startContainers(String postgres, String redis) {
		String adminUrl = postgres;
		if (!hasText(adminUrl)) {
			PostgreSQLContainer container = new PostgreSQLContainer(
					DockerImageName.parse(POSTGRES_IMAGE).asCompatibleSubstituteFor("postgres"));
			container.start();
			String separator = container.getJdbcUrl().contains("?") ? "&" : "?";
			adminUrl = container.getJdbcUrl() + separator + "user=" + container.getUsername() + "&password="
					+ container.getPassword();
		}
		String redisUrl = redis;
		if (!hasText(redisUrl)) {
			GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
				.withExposedPorts(6379);
			container.start();
			redisUrl = "redis://" + container.getHost() + ":" + container.getMappedPort(6379) + "/0";
		}
		return new ServerAddresses(adminUrl, redisUrl);
	}

	Connection openAdmin() throws SQLException {
		return DriverManager.getConnection(this.adminJdbcUrl);
	}

	Properties adminProperties() {
		Properties properties = new Properties();
		String query = URI.create(this.adminJdbcUrl.substring("jdbc:".length())).getRawQuery();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					properties.setProperty(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
		}
		return properties;
	}

	String jdbcUrlFor(String database) {
		return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + database;
	}

	String postgresHost() {
		return URI.create(this.adminJdbcUrl.substring("jdbc:".length())).getHost();
	}

	int postgresPort() {
		URI admin = URI.create(this.adminJdbcUrl.substring("jdbc:".length()));
		return (admin.getPort() > 0) ? admin.getPort() : 5432;
	}

	String describe() {
		URI admin = URI.create(this.adminJdbcUrl.substring("jdbc:".length()));
		return admin.getHost() + ":" + admin.getPort();
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
