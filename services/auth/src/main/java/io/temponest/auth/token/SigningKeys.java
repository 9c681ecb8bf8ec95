package io.temponest.auth.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.temponest.auth.AuthProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The RSA key that signs tokens and the public keys that verify them (the signing key's
 * public half plus older keys kept during a rotation).
 */
public final class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	/** Smallest accepted modulus. */
	public static final int MIN_KEY_BITS = 2048;

	private final RSAKey signingKey;

	private final JWKSet publicKeys;

	private SigningKeys(RSAKey signingKey, List<RSAKey> additionalPublicKeys) {
		this.signingKey = signingKey;
		List<JWK> keys = new ArrayList<>();
		keys.add(signingKey.toPublicJWK());
		keys.addAll(additionalPublicKeys);
		this.publicKeys = new JWKSet(keys);
	}

	/**
	 * Load the keys from configuration.
	 * @param settings the JWT settings
	 * @param generateWhenMissing whether a missing private key may be replaced by a
	 * generated one (dev profile only): kept in {@code dev-key-location} when that is
	 * set, so that restarts keep the key
	 * @return the keys
	 * @throws IllegalStateException when no key is configured and none may be generated,
	 * or a key (the dev key file included) is unreadable or unusable
	 */
	public static SigningKeys load(AuthProperties.Jwt settings, boolean generateWhenMissing) {
		String location = settings.privateKeyLocation();
		RSAPrivateKey privateKey;
		if (location == null || location.isBlank()) {
			if (!generateWhenMissing) {
				throw new IllegalStateException("No token signing key: set temponest.auth.jwt.private-key-location "
						+ "(environment JWT_PRIVATE_KEY_FILE) to a PEM PKCS#8 RSA private key of at least "
						+ MIN_KEY_BITS + " bits; only the dev profile generates one");
			}
			String devKeyLocation = settings.devKeyLocation();
			if (devKeyLocation == null || devKeyLocation.isBlank()) {
				log.warn(
						"No temponest.auth.jwt.private-key-location nor dev-key-location: generated a temporary "
								+ "{}-bit RSA signing key (dev profile); tokens will not survive a restart",
						MIN_KEY_BITS);
				privateKey = generate();
			}
			else {
				privateKey = DevKeyFile.loadOrCreate(Path.of(devKeyLocation.strip()), SigningKeys::generate);
			}
		}
		else {
			privateKey = read(location, RsaKeyConverters.pkcs8()::convert);
		}
		RSAPublicKey publicKey = publicKeyOf(privateKey);
		RSAKey signingKey = toJwk(publicKey, privateKey, settings.keyId());
		List<RSAKey> additional = new ArrayList<>();
		for (AuthProperties.PublicKeyLocation extra : settings.additionalPublicKeys()) {
			additional.add(toJwk(read(extra.location(), RsaKeyConverters.x509()::convert), null, extra.keyId()));
		}
		return new SigningKeys(signingKey, additional);
	}

	/**
	 * The signing key (private and public parts) with its key id.
	 * @return the signing key
	 */
	public RSAKey signingKey() {
		return this.signingKey;
	}

	/**
	 * The public keys that verify platform tokens.
	 * @return the public key set
	 */
	public JWKSet publicKeys() {
		return this.publicKeys;
	}

	private static RSAKey toJwk(RSAPublicKey publicKey, @Nullable RSAPrivateKey privateKey, @Nullable String keyId) {
		if (publicKey.getModulus().bitLength() < MIN_KEY_BITS) {
			throw new IllegalStateException("RSA key of " + publicKey.getModulus().bitLength()
					+ " bits is too small: tokens need at least " + MIN_KEY_BITS);
		}
		RSAKey.Builder builder = new RSAKey.Builder(publicKey).privateKey(privateKey)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256);
		try {
			return (keyId != null && !keyId.isBlank()) ? builder.keyID(keyId).build()
					: builder.keyIDFromThumbprint().build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not compute the key id of the signing key", ex);
		}
	}

	private static RSAPublicKey publicKeyOf(RSAPrivateKey privateKey) {
		if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
			throw new IllegalStateException("The signing key must be a PKCS#8 RSA key with CRT parameters");
		}
		try {
			BigInteger exponent = crt.getPublicExponent();
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(crt.getModulus(), exponent));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not derive the public key of the signing key", ex);
		}
	}

	private static RSAPrivateKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(MIN_KEY_BITS);
			KeyPair pair = generator.generateKeyPair();
			return (RSAPrivateKey) pair.getPrivate();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not generate an RSA key", ex);
		}
	}

	private static <K> K read(String path, KeyReader<K> reader) {
		Resource location = resource(path.strip());
		try (InputStream in = location.getInputStream()) {
			K key = reader.read(in);
			if (key == null) {
				throw new IllegalStateException("No key in " + location);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the key " + location, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Not a PEM RSA key: " + location, ex);
		}
	}

	private static Resource resource(String location) {
		boolean hasScheme = location.startsWith(ResourceLoader.CLASSPATH_URL_PREFIX) || location.startsWith("file:");
		return hasScheme ? new DefaultResourceLoader().getResource(location) : new FileSystemResource(location);
	}

	/** Reads one key from a stream. */
	@FunctionalInterface
	private interface KeyReader<K> {

		@Nullable K read(InputStream in);

	}

}
