package io.temponest.auth.token;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import io.temponest.auth.AuthProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing keys a start of the service gets, with and without the dev profile. */
class TokenConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class,
			TokenConfiguration.class);

	@Test
	void signingKeysWhenDevProfileRestartsThenSameKeyFromTheKeptFile(@TempDir Path directory) {
		String file = directory.resolve("dev-signing-key.pem").toString();
		ApplicationContextRunner dev = this.runner.withPropertyValues("spring.profiles.active=dev",
				"temponest.auth.jwt.dev-key-location=" + file);
		AtomicReference<String> firstKeyId = new AtomicReference<>();
		dev.run((context) -> {
			assertThat(context).hasNotFailed();
			firstKeyId.set(context.getBean(SigningKeys.class).signingKey().getKeyID());
		});
		assertThat(Path.of(file)).isRegularFile();
		dev.run((context) -> assertThat(context.getBean(SigningKeys.class).signingKey().getKeyID())
			.isEqualTo(firstKeyId.get()));
	}

	@Test
	void signingKeysWhenNoDevProfileAndNoKeyThenStartFailsEvenWithDevKeyLocation(@TempDir Path directory) {
		Path file = directory.resolve("dev-signing-key.pem");
		this.runner.withPropertyValues("temponest.auth.jwt.dev-key-location=" + file)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("No token signing key"));
		assertThat(file).doesNotExist();
	}

	/** Binds the service's settings. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuthProperties.class)
	static class Settings {

	}

}
