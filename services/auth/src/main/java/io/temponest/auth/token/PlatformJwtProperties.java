package io.temponest.auth.token;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Issuer and audience of platform tokens, shared with every verifier
 * ({@code platform.security.jwt.*}).
 *
 * @param issuer the {@code iss} claim
 * @param audience the {@code aud} claim
 */
@Validated
@ConfigurationProperties("platform.security.jwt")
public record PlatformJwtProperties(@DefaultValue("temponest-auth") @NotBlank String issuer,
		@DefaultValue("temponest") @NotBlank String audience) {

}
