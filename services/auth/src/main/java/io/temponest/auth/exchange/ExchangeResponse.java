package io.temponest.auth.exchange;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.temponest.auth.token.IssuedToken;

/**
 * The answer of a granted token exchange (RFC 8693 §2.2.1).
 *
 * @param accessToken the user's access token
 * @param issuedTokenType always {@value TokenExchange#ACCESS_TOKEN_TYPE}
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the token expires
 */
record ExchangeResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("issued_token_type") String issuedTokenType, @JsonProperty("token_type") String tokenType,
		@JsonProperty("expires_in") long expiresIn) {

	static ExchangeResponse of(IssuedToken token) {
		return new ExchangeResponse(token.value(), TokenExchange.ACCESS_TOKEN_TYPE, "Bearer",
				Duration.between(token.issuedAt(), token.expiresAt()).toSeconds());
	}

	@Override
	public String toString() {
		return "ExchangeResponse[expiresIn=" + this.expiresIn + "]";
	}

}
