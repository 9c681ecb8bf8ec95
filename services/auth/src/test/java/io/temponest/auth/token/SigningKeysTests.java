package io.temponest.auth.token;

import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import io.temponest.auth.AuthProperties;
import io.temponest.auth.TestProperties;
import io.temponest.auth.TestSigningKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Loading, generating and publishing the signing keys. */
class SigningKeysTests {

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

	private static RSAPublicKey toPublic(RSAKey key) {
		try {
			return key.toRSAPublicKey();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
