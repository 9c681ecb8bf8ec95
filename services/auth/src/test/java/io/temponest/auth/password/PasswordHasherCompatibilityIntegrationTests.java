package io.temponest.auth.password;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.temponest.auth.TestProperties;
import io.temponest.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperability with an independent bcrypt: PostgreSQL's pgcrypto {@code crypt()} (the
 * implementation the spec used to check the original's hashes).
 */
class PasswordHasherCompatibilityIntegrationTests {

	private static final String PASSWORD = "Known-Password-2024";

	private final PasswordHasher hasher = new PasswordHasher(TestProperties.defaults());

	@BeforeAll
	static void createPgcrypto() throws SQLException {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
		}
	}

	@Test
	void verifyWhenHashMadeByPgcryptoThenAcceptsItAsOriginal2bHash() throws SQLException {
		String pgcrypto = query("SELECT crypt(?, gen_salt('bf', 12))", PASSWORD);
		assertThat(pgcrypto).startsWith("$2a$12$");
		String original = "$2b$" + pgcrypto.substring(4);
		assertThat(this.hasher.verify(PASSWORD, original)).isTrue();
		assertThat(this.hasher.verify(PASSWORD, pgcrypto)).isTrue();
		assertThat(this.hasher.verify("Known-Password-2025", original)).isFalse();
	}

	@Test
	void hashWhenCheckedByPgcryptoThenMatches() throws SQLException {
		String ours = this.hasher.hash(PASSWORD);
		String asPgcrypto = "$2a$" + ours.substring(4);
		assertThat(query("SELECT crypt(?, ?)", PASSWORD, asPgcrypto)).isEqualTo(asPgcrypto);
	}

	private static String query(String sql, String... parameters) throws SQLException {
		try (Connection admin = TestInfrastructure.get().openAdminConnection();
				PreparedStatement statement = admin.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

}
