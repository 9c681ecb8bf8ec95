package io.temponest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex: of a string's UTF-8 bytes, how API keys and other bearer
 * secrets (invitation tokens) are stored and looked up; of bytes, how documents are told
 * apart by content.
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
		return hex(value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Hash bytes.
	 * @param value the bytes
	 * @return 64 lower-case hex characters
	 */
	public static String hex(byte[] value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
