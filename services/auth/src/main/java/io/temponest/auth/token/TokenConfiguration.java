package io.temponest.auth.token;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.temponest.auth.AuthProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Signing keys, and the public key source that verifies tokens in this service. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	@Bean
	SigningKeys signingKeys(AuthProperties properties, Environment environment) {
		return SigningKeys.load(properties.jwt(), environment.acceptsProfiles(Profiles.of("dev")));
	}

	/**
	 * The PUBLIC keys only: the shared token verifier uses this source instead of
	 * fetching the JWKS over HTTP.
	 */
	@Bean
	JWKSource<SecurityContext> platformJwkSource(SigningKeys signingKeys) {
		return new ImmutableJWKSet<>(signingKeys.publicKeys());
	}

}
