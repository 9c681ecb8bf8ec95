package io.temponest.auth.token;

import java.util.Map;

import org.springframework.stereotype.Component;

/** The public JWK set served at {@code /.well-known/jwks.json}. */
@Component
public class PublicJwks {

	private final Map<String, Object> json;

	public PublicJwks(SigningKeys keys) {
		this.json = Map.copyOf(keys.publicKeys().toJSONObject(true));
	}

	/**
	 * The key set as a JSON object ({@code {"keys": [...]}}), public parts only.
	 * @return the key set
	 */
	public Map<String, Object> toJson() {
		return this.json;
	}

}
