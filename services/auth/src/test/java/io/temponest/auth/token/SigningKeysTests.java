package io.temponest.auth.token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temponest.auth.AuthProperties;
import io.temponest.auth.TestProperties;
import io.temponest.security.autoconfigure.PlatformSecurityProperties;
import io.temponest.auth.TestSigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Loading, generating (and in the dev profile keeping) and publishing the signing keys.
 */
class SigningKeysTests {

	private static final PlatformSecurityProperties PLATFORM = TestProperties.platformSecurity();

	@Test
	void loadWhenNoKeyOutsideDevThenFailsWithInstructions() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.jwt(null, null, List.of()), false))
			.withMessageContaining("temponest.auth.jwt.private-key-location")
			.withMessageContaining("JWT_PRIVATE_KEY_FILE");
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.jwt("  ", null, List.of()), false));
	}

	@Test
	void loadWhenNoKeyInDevThenGenerates2048BitKey() {
		SigningKeys keys = SigningKeys.load(TestProperties.jwt(null, null, List.of()), true);
		assertThat(keys.signingKey().size()).isEqualTo(2048);
		assertThat(keys.signingKey().isPrivate()).isTrue();
	}

	@Test
	void loadWhenDevKeyFileMissingThenGeneratesAndKeepsItOwnerOnly(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("home/.temponest/dev-signing-key.pem");
		SigningKeys keys = SigningKeys.load(TestProperties.devJwt(file.toString()), true);
		assertThat(keys.signingKey().size()).isEqualTo(2048);
		assertThat(file).isRegularFile();
		assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
			.isEqualTo("rwx------");
		assertThat(directory.resolve("home/.temponest")).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void loadWhenDevKeyFileKeptByEarlierStartThenSameKeyAndItsTokensStillVerify(@TempDir Path directory) {
		String file = directory.resolve("dev-signing-key.pem").toString();
		SigningKeys before = SigningKeys.load(TestProperties.devJwt(file), true);
		IssuedToken token = issuer(before).issueRefresh(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				Instant.now().plus(Duration.ofDays(1)));
		SigningKeys after = SigningKeys.load(TestProperties.devJwt(file), true);
		assertThat(after.signingKey().getKeyID()).isEqualTo(before.signingKey().getKeyID());
		assertThat(after.signingKey().getModulus()).isEqualTo(before.signingKey().getModulus());
		assertThat(new RefreshTokenVerifier(new ImmutableJWKSet<>(after.publicKeys()), PLATFORM).verify(token.value()))
			.isPresent();
	}

	@Test
	void loadWhenDevKeyFileCorruptOrUnreadableThenFailsAndKeepsTheFile(@TempDir Path directory) throws Exception {
		Path corrupt = directory.resolve("corrupt.pem");
		String content = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
		Files.writeString(corrupt, content);
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.devJwt(corrupt.toString()), true))
			.withMessageContaining(corrupt.toString())
			.withMessageContaining("temponest.auth.jwt.dev-key-location");
		assertThat(corrupt).hasContent(content);
		Path empty = Files.createFile(directory.resolve("empty.pem"));
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.devJwt(empty.toString()), true))
			.withMessageContaining(empty.toString());
		assertThat(empty).isEmptyFile();
		Path unreadable = Files.createDirectory(directory.resolve("unreadable.pem"));
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.devJwt(unreadable.toString()), true))
			.withMessageContaining("unreadable");
	}

	@Test
	void loadWhenDevKeyLocationSetOutsideDevThenStillRefusesAndWritesNothing(@TempDir Path directory) {
		Path file = directory.resolve("dev-signing-key.pem");
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.devJwt(file.toString()), false))
			.withMessageContaining("JWT_PRIVATE_KEY_FILE");
		assertThat(file).doesNotExist();
	}

	@Test
	void loadWhenPemFileThenKeyIdDefaultsToThumbprint() throws Exception {
		Path file = TestSigningKey.writePrivateKey(2048);
		SigningKeys keys = SigningKeys.load(TestProperties.jwt(file.toString(), "", List.of()), false);
		RSAKey key = keys.signingKey();
		assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
		SigningKeys named = SigningKeys.load(TestProperties.jwt("file:" + file, "key-2026", List.of()), false);
		assertThat(named.signingKey().getKeyID()).isEqualTo("key-2026");
	}

	@Test
	void loadWhenKeySmallerThan2048BitsThenFails() {
		Path file = TestSigningKey.writePrivateKey(1024);
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.jwt(file.toString(), null, List.of()), false))
			.withMessageContaining("1024 bits is too small");
	}

	@Test
	void loadWhenNotAKeyThenFails() {
		Path file = TestSigningKey.writePem("CERTIFICATE", new byte[] { 1, 2, 3 });
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeys.load(TestProperties.jwt(file.toString(), null, List.of()), false));
	}

	@Test
	void publicKeysWhenRotationKeyConfiguredThenPublishesBothWithoutPrivateParts() {
		SigningKeys old = SigningKeys.load(TestProperties.jwt(null, "old", List.of()), true);
		RSAPublicKey oldPublic = toPublic(old.signingKey());
		Path oldFile = TestSigningKey.writePem("PUBLIC KEY", oldPublic.getEncoded());
		SigningKeys keys = SigningKeys.load(TestProperties.jwt(TestSigningKey.writePrivateKey(2048).toString(), "new",
				List.of(new AuthProperties.PublicKeyLocation("old", oldFile.toString()))), false);
		assertThat(keys.publicKeys().getKeys()).extracting((key) -> key.getKeyID()).containsExactly("new", "old");
		Map<String, Object> json = new PublicJwks(keys).toJson();
		assertThat(json).containsOnlyKeys("keys");
		assertThat((List<?>) json.get("keys")).hasSize(2).allSatisfy((key) -> {
			@SuppressWarnings("unchecked") // a JWK set's JSON form: a list of JSON
											// objects
			Map<String, Object> jwk = (Map<String, Object>) key;
			assertThat(jwk).containsKeys("kty", "n", "e", "kid").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
		});
		assertThat(keys.publicKeys().getKeys()).noneMatch((key) -> key.isPrivate());
	}

	private static TokenIssuer issuer(SigningKeys keys) {
		return new TokenIssuer(keys, TestProperties.defaults(), PLATFORM, new SimpleMeterRegistry());
	}

	private static RSAPublicKey toPublic(RSAKey key) {
		try {
			return key.toRSAPublicKey();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
