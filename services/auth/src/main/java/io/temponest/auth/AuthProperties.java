package io.temponest.auth;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the auth service.
 *
 * @param apiKeyPrefix prefix of generated API keys
 * @param invitationTtl how long an invitation can be accepted
 * @param permissionsCacheTtl how long a user's permissions stay cached
 * @param jwt token signing keys and lifetimes
 * @param password password hashing limits
 * @param bootstrapSuperuser superuser created at start in the dev profile only
 * @param refreshReuseGrace how long after a refresh token was rotated presenting it again
 * still returns the same successor (while that successor is unused) instead of counting
 * as reuse; covers a response lost to a crash or a network failure, and concurrent
 * refreshes of one client; zero turns it off
 */
@Validated
@ConfigurationProperties("temponest.auth")
public record AuthProperties(@DefaultValue("sk_") @NotBlank String apiKeyPrefix,
		@DefaultValue("7d") @NotNull Duration invitationTtl, @DefaultValue("5m") @NotNull Duration permissionsCacheTtl,
		@DefaultValue @Valid Jwt jwt, @DefaultValue @Valid Password password,
		@DefaultValue BootstrapSuperuser bootstrapSuperuser,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 0) Duration refreshReuseGrace) {

	/**
	 * Token signing keys and lifetimes.
	 *
	 * @param privateKeyLocation PEM file (PKCS#8) of the RSA signing key, 2048 bits or
	 * more: a path, or a {@code file:} or {@code classpath:} location; required outside
	 * the dev profile
	 * @param keyId key id ({@code kid}) of the signing key; defaults to its RFC 7638
	 * thumbprint
	 * @param additionalPublicKeys public keys still accepted and published (key rotation)
	 * @param accessTokenTtl lifetime of access tokens
	 * @param refreshTokenTtl lifetime of refresh tokens
	 * @param devKeyLocation dev profile only, when no private key location is set: the
	 * file (a path) that keeps the generated signing key across restarts, created with
	 * owner-only permissions; blank generates a key that lives only as long as the
	 * process
	 */
	public record Jwt(@Nullable String privateKeyLocation, @Nullable String keyId,
			@DefaultValue List<PublicKeyLocation> additionalPublicKeys,
			@DefaultValue("60m") @NotNull Duration accessTokenTtl,
			@DefaultValue("30d") @NotNull Duration refreshTokenTtl, @Nullable String devKeyLocation) {

	}

	/**
	 * A public key kept in the key set after rotation.
	 *
	 * @param keyId its key id
	 * @param location PEM file (X.509 SubjectPublicKeyInfo) of the RSA public key: a
	 * path, or a {@code file:} or {@code classpath:} location
	 */
	public record PublicKeyLocation(@NotBlank String keyId, @NotBlank String location) {

	}

	/**
	 * Password hashing limits.
	 *
	 * @param maxConcurrentHashes how many bcrypt computations may run at once, each on
	 * its own platform thread; 0 means one fewer than the available processors (at least
	 * one), so that a core always stays free for other requests
	 * @param maxWait how long a request waits for a hashing slot before it is shed
	 * @param retryAfter the {@code Retry-After} suggested to shed requests
	 */
	public record Password(@DefaultValue("0") @PositiveOrZero int maxConcurrentHashes,
			@DefaultValue("2s") @NotNull Duration maxWait, @DefaultValue("1s") @NotNull Duration retryAfter) {

	}

	/**
	 * Superuser created at start when the dev profile is active (never otherwise).
	 *
	 * @param email its email
	 * @param password its password
	 */
	public record BootstrapSuperuser(@Nullable String email, @Nullable String password) {

	}

}
