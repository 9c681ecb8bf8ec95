package io.temponest.auth.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@link ServiceClients}: registration from configuration and secret checks. */
class ServiceClientsTests {

	private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";

	@TempDir
	Path directory;

	@Test
	void authenticateWhenSecretRightThenTrueElseFalse() {
		ServiceClients clients = clients(Map.of("scheduler", new TokenExchangeProperties.Client(SECRET, null)));
		assertThat(clients.authenticate("scheduler", SECRET)).isTrue();
		assertThat(clients.authenticate("scheduler", SECRET + " ")).isFalse();
		assertThat(clients.authenticate("scheduler", "")).isFalse();
		assertThat(clients.authenticate("other", SECRET)).isFalse();
	}

	@Test
	void secretFileWhenGivenThenItsStrippedContentIsTheSecret() throws IOException {
		Path file = this.directory.resolve("secret");
		Files.writeString(file, SECRET + "\n");
		ServiceClients clients = clients(
				Map.of("scheduler", new TokenExchangeProperties.Client(null, file.toString())));
		assertThat(clients.authenticate("scheduler", SECRET)).isTrue();
	}

	@Test
	void clientWithoutSecretThenNotRegistered() {
		ServiceClients clients = clients(Map.of("scheduler", new TokenExchangeProperties.Client("", " ")));
		assertThat(clients.authenticate("scheduler", "")).isFalse();
	}

	@Test
	void secretWhenShortThenStartFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("scheduler", new TokenExchangeProperties.Client("short", null))))
			.withMessageContaining("at least 32 characters");
	}

	@Test
	void secretAndFileWhenBothGivenThenSecretWins() {
		ServiceClients clients = clients(Map.of("scheduler", new TokenExchangeProperties.Client(SECRET, "/missing")));
		assertThat(clients.authenticate("scheduler", SECRET)).isTrue();
	}

	@Test
	void secretFileWhenMissingThenStartFails() {
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> clients(Map.of("scheduler",
				new TokenExchangeProperties.Client(null, this.directory.resolve("missing").toString()))));
	}

	@Test
	void clientIdWhenMalformedThenStartFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> clients(Map.of("Sched:uler", new TokenExchangeProperties.Client(SECRET, null))))
			.withMessageContaining("lower-case");
	}

	private static ServiceClients clients(Map<String, TokenExchangeProperties.Client> clients) {
		return new ServiceClients(new TokenExchangeProperties(clients, Duration.ofMinutes(5)));
	}

}
