package io.temponest.security.apikey;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.security.AuthPrincipal;

/**
 * A cached answer of the auth service about one API key.
 *
 * @param valid whether the key is valid
 * @param principal the key's principal when valid, else {@code null}
 */
public record ApiKeyVerdict(@JsonProperty("valid") boolean valid, @JsonProperty("principal") AuthPrincipal principal) {

	/** The verdict on an unknown, revoked or expired key. */
	public static final ApiKeyVerdict INVALID = new ApiKeyVerdict(false, null);

	/**
	 * The verdict on a valid key.
	 * @param principal the key's principal
	 * @return a valid verdict
	 */
	public static ApiKeyVerdict validFor(AuthPrincipal principal) {
		return new ApiKeyVerdict(true, principal);
	}

	/**
	 * The principal if the key is valid.
	 * @return the principal, or empty
	 */
	public Optional<AuthPrincipal> principalIfValid() {
		return (this.valid) ? Optional.ofNullable(this.principal) : Optional.empty();
	}

}
