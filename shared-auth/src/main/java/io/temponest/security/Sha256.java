package io.temponest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string's UTF-8 bytes as lower-case hex: how API keys and other bearer
 * secrets (invitation tokens) are stored and looked up.
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * Hash a string.
	 * @param value the string
	 * @return 64 lower-case hex characters
	 */
	public static String hex(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
