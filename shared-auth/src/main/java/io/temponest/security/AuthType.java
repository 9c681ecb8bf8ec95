package io.temponest.security;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a principal authenticated. */
public enum AuthType {

	/** A signed access token. */
	@JsonProperty("jwt")
	JWT,

	/** An API key verified by the auth service. */
	@JsonProperty("api_key")
	API_KEY

}
