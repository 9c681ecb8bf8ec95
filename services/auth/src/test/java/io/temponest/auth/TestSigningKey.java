package io.temponest.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Writes a fresh 2048-bit RSA key as a PEM PKCS#8 file once per test JVM and points
 * {@code temponest.auth.jwt.private-key-location} at it, so tests load the key the way
 * production does (no key is committed to the repository).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestSigningKey {

	private static Path keyFile;

	@Bean
	static DynamicPropertyRegistrar testSigningKeyProperties() {
		return (registry) -> registry.add("temponest.auth.jwt.private-key-location", () -> keyFile(2048).toString());
	}

	/**
	 * The key file of this JVM.
	 * @param bits the key size of a new file
	 * @return the path
	 */
	public static synchronized Path keyFile(int bits) {
		if (keyFile == null) {
			keyFile = writePrivateKey(bits);
		}
		return keyFile;
	}

	/**
	 * Write a new private key PEM file.
	 * @param bits the key size
	 * @return the path, deleted when the JVM exits
	 */
	public static Path writePrivateKey(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			KeyPair pair = generator.generateKeyPair();
			return writePem("PRIVATE KEY", pair.getPrivate().getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Write DER bytes as a PEM file.
	 * @param type the PEM type, e.g. {@code PUBLIC KEY}
	 * @param der the encoded key
	 * @return the path, deleted when the JVM exits
	 */
	public static Path writePem(String type, byte[] der) {
		String pem = "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
		try {
			Path file = Files.createTempFile("temponest-test-key", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
