package io.temponest.auth.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The registered service clients, read from configuration at start. Only the SHA-256
 * digest of each secret is kept: secrets are long random strings (at least
 * {@value #MIN_SECRET_LENGTH} characters), so a fast digest resists guessing as well as a
 * slow password hash would, without costing a bcrypt round per exchange. Presented
 * secrets are compared digest to digest in constant time, and an unknown client id costs
 * the same digest and comparison as a known one.
 */
@Component
public class ServiceClients {

	/** The shortest accepted secret. */
	public static final int MIN_SECRET_LENGTH = 32;

	private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Logger log = LoggerFactory.getLogger(ServiceClients.class);

	private static final byte[] UNKNOWN_CLIENT_DIGEST = sha256("unknown-client-" + System.nanoTime());

	private final Map<String, byte[]> secretDigests;

	/**
	 * Read the registered clients.
	 * @param properties the configuration
	 * @throws IllegalStateException when a client id is malformed or a secret is too
	 * short
	 * @throws UncheckedIOException when a secret file cannot be read
	 */
	public ServiceClients(TokenExchangeProperties properties) {
		Map<String, byte[]> digests = new TreeMap<>();
		properties.clients().forEach((clientId, client) -> {
			String secret = secretOf(clientId, client);
			if (secret != null) {
				digests.put(clientId, sha256(secret));
			}
		});
		this.secretDigests = Map.copyOf(digests);
		log.info("Service clients allowed to exchange tokens: {}", digests.keySet());
	}

	/**
	 * Check a client's credentials.
	 * @param clientId the client id
	 * @param secret the presented secret
	 * @return whether the client is registered and the secret is its secret
	 */
	public boolean authenticate(String clientId, String secret) {
		byte[] expected = this.secretDigests.getOrDefault(clientId, UNKNOWN_CLIENT_DIGEST);
		boolean matches = MessageDigest.isEqual(expected, sha256(secret));
		return matches && this.secretDigests.containsKey(clientId);
	}

	private static @Nullable String secretOf(String clientId, TokenExchangeProperties.Client client) {
		boolean hasSecret = StringUtils.hasText(client.secret());
		boolean hasFile = StringUtils.hasText(client.secretFile());
		if (!hasSecret && !hasFile) {
			return null;
		}
		if (!CLIENT_ID.matcher(clientId).matches()) {
			throw new IllegalStateException("Service client id '" + clientId
					+ "' must be 1-64 lower-case letters, digits and dashes, starting with a letter or digit");
		}
		String secret = hasSecret ? client.secret().strip() : read(clientId, client.secretFile());
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException("The secret of service client '" + clientId + "' must have at least "
					+ MIN_SECRET_LENGTH + " characters (for example: openssl rand -hex 32)");
		}
		return secret;
	}

	private static String read(String clientId, String file) {
		try {
			return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the secret file of service client '" + clientId + "'", ex);
		}
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
