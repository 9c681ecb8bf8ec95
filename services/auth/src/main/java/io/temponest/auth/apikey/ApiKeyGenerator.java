package io.temponest.auth.apikey;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.temponest.auth.AuthProperties;
import io.temponest.security.Sha256;

import org.springframework.stereotype.Component;

/** Generates API keys: the prefix + 64 lower-case hex characters from 32 random bytes. */
@Component
class ApiKeyGenerator {

	static final int PREFIX_LENGTH = 12;

	private final SecureRandom random = new SecureRandom();

	private final String prefix;

	ApiKeyGenerator(AuthProperties properties) {
		this.prefix = properties.apiKeyPrefix();
	}

	GeneratedKey generate() {
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		String key = this.prefix + HexFormat.of().formatHex(secret);
		return new GeneratedKey(key, Sha256.hex(key), key.substring(0, PREFIX_LENGTH));
	}

	/** Whether a string has the shape of a key of this service. */
	boolean looksLikeKey(String candidate) {
		if (!candidate.startsWith(this.prefix) || candidate.length() != this.prefix.length() + 64) {
			return false;
		}
		for (int i = this.prefix.length(); i < candidate.length(); i++) {
			char c = candidate.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A generated key.
	 *
	 * @param plaintext the full key
	 * @param hash its SHA-256 hex, as stored
	 * @param prefix its first 12 characters
	 */
	record GeneratedKey(String plaintext, String hash, String prefix) {

		@Override
		public String toString() {
			return "GeneratedKey[prefix=" + this.prefix + "]";
		}

	}

}
