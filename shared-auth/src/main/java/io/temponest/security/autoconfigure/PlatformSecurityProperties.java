package io.temponest.security.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the shared security library ({@code platform.security.*}).
 *
 * @param authServiceUrl Base URL of the auth service, used for API-key verification and
 * as the default base of the key set URL.
 * @param jwt Access-token verification.
 * @param apiKeyCacheTtl How long API-key verdicts (valid and invalid) are cached.
 * @param publicPaths Path patterns reachable without credentials, in addition to health,
 * info, metrics, API docs, /.well-known/** and /error.
 * @param cors Cross-origin settings; no origins means no CORS.
 * @param maxRequestSize Largest accepted request body.
 * @param revocation Deny-list of revoked access tokens.
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(@DefaultValue("http://localhost:9002") String authServiceUrl,
		@DefaultValue Jwt jwt, @DefaultValue("30s") Duration apiKeyCacheTtl, @DefaultValue List<String> publicPaths,
		@DefaultValue Cors cors, @DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue Revocation revocation) {

	/** Paths that are always public. */
	public static final List<String> BUILT_IN_PUBLIC_PATHS = List.of("/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/.well-known/**",
			"/error");

	/** Path of the key set below the auth service URL. */
	public static final String JWKS_PATH = "/.well-known/jwks.json";

	/**
	 * The URL of the platform's public keys.
	 * @return {@code jwt.jwk-set-uri}, else the auth service URL with {@value #JWKS_PATH}
	 */
	public String jwkSetUri() {
		String configured = this.jwt.jwkSetUri();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String base = this.authServiceUrl.endsWith("/")
				? this.authServiceUrl.substring(0, this.authServiceUrl.length() - 1) : this.authServiceUrl;
		return base + JWKS_PATH;
	}

	/**
	 * Built-in and configured public paths.
	 * @return every public path pattern
	 */
	public List<String> allPublicPaths() {
		return Stream.concat(BUILT_IN_PUBLIC_PATHS.stream(), this.publicPaths.stream()).distinct().toList();
	}

	/**
	 * Access-token verification settings.
	 *
	 * @param jwkSetUri URL of the auth service's key set. Defaults to the auth service
	 * URL followed by /.well-known/jwks.json.
	 * @param issuer Required issuer (iss claim).
	 * @param audience Required entry of the audience (aud claim).
	 * @param clockSkew Tolerance when checking the expiry and not-before times.
	 */
	public record Jwt(String jwkSetUri, @DefaultValue("temponest-auth") String issuer,
			@DefaultValue("temponest") String audience, @DefaultValue("5s") Duration clockSkew) {

	}

	/**
	 * Cross-origin settings.
	 *
	 * @param allowedOrigins Origins allowed to call the service from a browser; empty
	 * disables CORS.
	 * @param allowedMethods Methods allowed in cross-origin requests.
	 * @param allowedHeaders Request headers allowed in cross-origin requests.
	 * @param exposedHeaders Response headers that browsers may read.
	 * @param allowCredentials Whether cross-origin requests may carry credentials.
	 * @param maxAge How long browsers may cache a preflight answer.
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue( {
			"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
			@DefaultValue({ "Authorization", "Content-Type", "X-API-Key", "X-Request-ID" }) List<String> allowedHeaders,
			@DefaultValue({ "X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining",
					"Retry-After" }) List<String> exposedHeaders,
			@DefaultValue("true") boolean allowCredentials, @DefaultValue("600s") Duration maxAge){

		/**
		 * Validate the settings.
		 * @param allowedOrigins the origins
		 * @param allowedMethods the methods
		 * @param allowedHeaders the request headers
		 * @param exposedHeaders the response headers
		 * @param allowCredentials whether credentials are allowed
		 * @param maxAge the preflight cache time
		 */
		public Cors {
			if (allowCredentials && allowedOrigins.contains("*")) {
				throw new IllegalArgumentException("platform.security.cors.allowed-origins must not contain '*' "
						+ "while platform.security.cors.allow-credentials is true; list the origins");
			}
		}

	}

	/**
	 * Deny-list settings.
	 *
	 * @param resyncInterval How often every instance re-reads the revoked-token set from
	 * Redis.
	 */
	public record Revocation(@DefaultValue("30s") Duration resyncInterval) {

	}

}
