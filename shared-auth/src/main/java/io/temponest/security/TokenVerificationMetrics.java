package io.temponest.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts credential verifications as
 * {@code temponest.auth.token.verifications{type=jwt|api_key,result=valid|invalid|revoked}}.
 */
public final class TokenVerificationMetrics {

	/** Name of the counter. */
	public static final String METER_NAME = "temponest.auth.token.verifications";

	private final Counter jwtValid;

	private final Counter jwtInvalid;

	private final Counter jwtRevoked;

	private final Counter apiKeyValid;

	private final Counter apiKeyInvalid;

	/**
	 * Register the counters.
	 * @param registry the registry to register them with
	 */
	public TokenVerificationMetrics(MeterRegistry registry) {
		this.jwtValid = counter(registry, "jwt", "valid");
		this.jwtInvalid = counter(registry, "jwt", "invalid");
		this.jwtRevoked = counter(registry, "jwt", "revoked");
		this.apiKeyValid = counter(registry, "api_key", "valid");
		this.apiKeyInvalid = counter(registry, "api_key", "invalid");
	}

	private static Counter counter(MeterRegistry registry, String type, String result) {
		return Counter.builder(METER_NAME)
			.description("Access-token and API-key verifications by outcome")
			.tag("type", type)
			.tag("result", result)
			.register(registry);
	}

	/** Record an access token that verified. */
	public void jwtValid() {
		this.jwtValid.increment();
	}

	/** Record an access token that failed verification. */
	public void jwtInvalid() {
		this.jwtInvalid.increment();
	}

	/** Record a valid access token whose id is on the deny-list. */
	public void jwtRevoked() {
		this.jwtRevoked.increment();
	}

	/** Record an API key that verified. */
	public void apiKeyValid() {
		this.apiKeyValid.increment();
	}

	/** Record an API key that failed verification. */
	public void apiKeyInvalid() {
		this.apiKeyInvalid.increment();
	}

}
