package io.temponest.auth.apikey;

/**
 * A new API key: the only time the key itself is available.
 *
 * @param key the stored key's view
 * @param plaintext the full key ({@code sk_} + 64 hex characters)
 */
public record CreatedApiKey(ApiKeyView key, String plaintext) {

	@Override
	public String toString() {
		return "CreatedApiKey[" + this.key + "]";
	}

}
